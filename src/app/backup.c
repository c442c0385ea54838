/* backup.c: okra backup — a consistent copy of the live database (admins only: it holds password
 * hashes). */
#include "app/app_int.h"

#include "store/store.h"
#include "app/transfer.h"

int
app_backup(struct app *a, const char *path, int overwrite, struct okra_err *err)
{
	int rc;

	if ((rc = app_may_admin(a, "back up the database (it holds password hashes)", err)) < 0)
		return rc;
	return store_backup(a->db, path, overwrite, err);
}
