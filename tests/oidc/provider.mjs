// provider.mjs: the OpenID Provider the single sign-on tests sign in through: the npm package
// oidc-provider on 127.0.0.1 (a free port) with one client for okra, test people with e-mails
// and groups, a sign-in page a browser or a script fills in, and a control endpoint that makes
// the next ID token bad in one chosen way (re-signed with the provider's own keys or another).
//
//   node tests/oidc/provider.mjs REDIRECT_URI POST_LOGOUT_URI
// prints one line of JSON once listening: {"issuer", "client_id", "client_secret"}, and runs
// until stdin closes or SIGTERM. Control (JSON bodies, on the same port):
//   POST /test/mode {"mode": M}   the next ID token only: ok, wrong_aud, wrong_iss, expired,
//                                 future_iat, wrong_nonce, no_nonce, bad_signature, other_key,
//                                 unknown_kid, alg_none, hs256, es256, azp_other,
//                                 groups_userinfo (no groups in the token); "rotate" signs
//                                 with a new key (kid k2) that the key set serves from then on
//   POST /test/account {"id", "claims": {...}}   add or change a person
//   GET  /test/log                 what the provider saw (token requests' client auth)
import http from 'node:http';
import Provider from 'oidc-provider';
import * as jose from 'jose';

const [redirectUri, postLogoutUri] = process.argv.slice(2);
const CLIENT_ID = 'okra';
const CLIENT_SECRET = 'okra-test-client-secret-7f3a9c';

const accounts = {
	pat: {email: 'pat@example.com', email_verified: true, name: 'Pat Member',
	      preferred_username: 'pat', groups: ['platform-eng']},
	sam: {email: 'sam@example.com', email_verified: true, name: 'Sam Leader',
	      preferred_username: 'sam', groups: ['okr-leaders']},
	newbie: {email: 'newbie@example.com', email_verified: true, name: 'New Person',
		 preferred_username: 'newbie', groups: ['platform-eng']},
	gone: {email: 'gone@example.com', email_verified: true, name: 'Gone Away',
	       preferred_username: 'gone', groups: []},
	unverified: {email: 'pat@example.com', email_verified: false, name: 'Not Pat',
		     preferred_username: 'notpat', groups: []},
};

async function key(alg, kid) {
	const {privateKey} = await jose.generateKeyPair(alg, {extractable: true});
	return {...(await jose.exportJWK(privateKey)), kid, alg, use: 'sig'};
}
const publicOf = ({d, p, q, dp, dq, qi, ...pub}) => pub;

const k1 = await key('RS256', 'k1');
const e1 = await key('ES256', 'e1');
const k2 = await key('RS256', 'k2');      // served only once rotated
const other = await key('RS256', 'k1');   // not the provider's, but claims its kid
const stray = await key('RS256', 'nobody-has-this-kid');
let rotated = false;
let mode = 'ok';
const seen = [];

function listen() {
	return new Promise((resolve) => {
		const s = http.createServer();
		s.listen(0, '127.0.0.1', () => resolve(s));
	});
}
const server = await listen();
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
	clients: [{
		client_id: CLIENT_ID, client_secret: CLIENT_SECRET,
		redirect_uris: [redirectUri], post_logout_redirect_uris: [postLogoutUri],
		grant_types: ['authorization_code'], response_types: ['code'],
		token_endpoint_auth_method: 'client_secret_basic',
	}],
	jwks: {keys: [k1, e1]},
	cookies: {keys: ['okra-test-provider-cookie-key']},
	scopes: ['openid', 'profile', 'email', 'groups'],
	claims: {openid: ['sub'], email: ['email', 'email_verified'],
		 profile: ['name', 'preferred_username'], groups: ['groups']},
	conformIdTokenClaims: false, // the claims in the ID token itself, as GitLab sends groups
	pkce: {methods: ['S256'], required: () => true},
	features: {devInteractions: {enabled: false}, rpInitiatedLogout: {enabled: true}},
	interactions: {url: (ctx, interaction) => `/interaction/${interaction.uid}`},
	async findAccount(ctx, id) {
		if (!accounts[id])
			return undefined;
		return {accountId: id, claims: async () => ({sub: `sub-${id}`, ...accounts[id]})};
	},
	// A first-party client: consent is given, as a company's provider is set up for okra.
	async loadExistingGrant(ctx) {
		const id = ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
		if (id)
			return ctx.oidc.provider.Grant.find(id);
		const grant = new ctx.oidc.provider.Grant({clientId: ctx.oidc.client.clientId,
							   accountId: ctx.oidc.session.accountId});
		grant.addOIDCScope('openid profile email groups');
		await grant.save();
		return grant;
	},
});
// findAccount's sub is `sub-ID`: the session's accountId is the login typed.

async function resign(token) {
	const claims = jose.decodeJwt(token);
	const now = Math.floor(Date.now() / 1000);
	let signer = k1, header = {alg: 'RS256', kid: 'k1'};
	switch (mode) {
	case 'wrong_aud': claims.aud = 'someone-else'; break;
	case 'azp_other': claims.aud = [CLIENT_ID, 'someone-else']; claims.azp = 'someone-else'; break;
	case 'wrong_iss': claims.iss = 'http://127.0.0.1:9/not-the-issuer'; break;
	case 'expired': claims.iat = now - 7200; claims.exp = now - 3600; break;
	case 'future_iat': claims.iat = now + 3600; claims.exp = now + 7200; break;
	case 'wrong_nonce': claims.nonce = 'not-this-sign-in'; break;
	case 'no_nonce': delete claims.nonce; break;
	case 'groups_userinfo': delete claims.groups; break; // as GitLab: groups only in userinfo
	case 'other_key': signer = other; break;
	case 'unknown_kid': signer = stray; header.kid = stray.kid; break;
	case 'rotate': rotated = true; signer = k2; header.kid = 'k2'; break;
	case 'es256': signer = e1; header = {alg: 'ES256', kid: 'e1'}; break;
	case 'alg_none': {
		const enc = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
		return `${enc({alg: 'none', kid: 'k1'})}.${enc(claims)}.`;
	}
	case 'hs256': {
		// The classic forgery: HMAC keyed with the provider's public key.
		const secret = new TextEncoder().encode(JSON.stringify(publicOf(k1)));
		return new jose.SignJWT(claims).setProtectedHeader({alg: 'HS256', kid: 'k1'})
			.sign(secret);
	}
	}
	const signed = await new jose.SignJWT(claims).setProtectedHeader(header)
		.sign(await jose.importJWK(signer, header.alg));
	if (mode !== 'bad_signature')
		return signed;
	const [h, p, s] = signed.split('.');
	return `${h}.${p}.${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`;
}

async function body(ctx) {
	const chunks = [];
	for await (const c of ctx.req)
		chunks.push(c);
	return Buffer.concat(chunks).toString();
}

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
function signInPage(uid) {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Test provider</title>
</head><body><main><h1>Test identity provider</h1>
<form method="post" action="/interaction/${esc(uid)}/login">
<label for="login">Account</label> <input id="login" name="login" autocomplete="username">
<button type="submit">Continue</button></form>
<form method="post" action="/interaction/${esc(uid)}/abort"><button type="submit">Cancel</button>
</form></main></body></html>`;
}

async function interaction(ctx) {
	const m = ctx.path.match(/^\/interaction\/([^/]+)(\/login|\/abort)?$/);
	const details = await provider.interactionDetails(ctx.req, ctx.res);
	if (!m[2]) {
		ctx.type = 'html';
		ctx.body = signInPage(details.uid);
		return;
	}
	const form = new URLSearchParams(await body(ctx));
	const result = m[2] === '/abort'
		? {error: 'access_denied', error_description: 'cancelled by the person'}
		: {login: {accountId: form.get('login') || ''}};
	if (result.login && !accounts[result.login.accountId]) {
		ctx.status = 400;
		ctx.type = 'html';
		ctx.body = signInPage(details.uid).replace('<form', '<p>No such account.</p><form');
		return;
	}
	ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result,
						      {mergeWithLastSubmission: false}));
}

async function control(ctx) {
	if (ctx.method === 'GET' && ctx.path === '/test/log') {
		ctx.body = seen;
		return;
	}
	const b = JSON.parse((await body(ctx)) || '{}');
	if (ctx.path === '/test/mode')
		mode = b.mode;
	else if (ctx.path === '/test/account')
		accounts[b.id] = b.claims;
	ctx.body = {ok: true};
}

provider.use(async (ctx, next) => {
	if (ctx.path.startsWith('/test/'))
		return control(ctx);
	if (ctx.path.startsWith('/interaction/'))
		return interaction(ctx);
	if (ctx.path === '/jwks' && rotated) {
		ctx.type = 'application/jwk-set+json';
		ctx.body = {keys: [k1, e1, k2].map(publicOf)};
		return;
	}
	if (ctx.path === '/token')
		seen.push({auth: (ctx.get('authorization') || '').split(' ')[0]});
	await next();
	// The end-session page's form-action 'self' would stop the browser's redirect back to
	// okra after "Yes, sign me out" (a form's redirects count); a test provider needs none.
	ctx.remove('Content-Security-Policy');
	if (ctx.path === '/token' && ctx.status === 200 && mode !== 'ok') {
		const b = typeof ctx.body === 'string' ? JSON.parse(ctx.body) : ctx.body;
		b.id_token = await resign(b.id_token);
		ctx.body = b;
		mode = 'ok';
	}
});

server.on('request', provider.callback());
process.stdout.write(JSON.stringify({issuer, client_id: CLIENT_ID, client_secret: CLIENT_SECRET})
		     + '\n');
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
