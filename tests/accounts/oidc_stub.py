"""A small OpenID Connect provider for tests: a real HTTP server on 127.0.0.1 in a thread.

It serves what a gemeente's identity provider serves in the authorization code flow:

- GET  /authorize  redirects back to ``redirect_uri`` with a one-time code and the state;
- POST /token      exchanges the code (and the client's id and secret) for an ID token,
                   signed RS256 with its own key (or HS256 with the client secret), carrying
                   the nonce of the authorize request;
- GET  /userinfo   the claims, for the access token;
- GET  /jwks       its public key.

A test steers it through attributes: who logs in (``email``, ``sub``), and what goes wrong
(``nonce`` a different one, ``sign_with_other_key``, ``issuer`` or ``audience`` another).
"""

import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

KID = "stub-key-1"


_KEYS: dict[str, rsa.RSAPrivateKey] = {}


def _key(name: str) -> rsa.RSAPrivateKey:
    """One key per name for the whole test run: making RSA keys is slow."""
    if name not in _KEYS:
        _KEYS[name] = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return _KEYS[name]


class StubProvider:
    def __init__(
        self, *, client_id="integraal", client_secret="geheim-van-de-stub-lang-genoeg-voor-hs256"
    ):
        self.client_id = client_id
        self.client_secret = client_secret
        self.key = _key("provider")
        self.algorithm = "RS256"
        # Who logs in, and what the test makes go wrong.
        self.email = "p.jansen@almere.example"
        self.sub = "medewerker-1"
        self.name = "Petra Jansen"
        self.nonce: str | None = None  # None: the nonce of the authorize request
        self.sign_with_other_key = False
        self.issuer: str | None = None  # None: the stub's own address
        self.audience: str | None = None  # None: the client id
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.requests: list[str] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "StubProvider":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def provider_fields(self) -> dict:
        """The OidcProvider fields that point at this stub."""
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "sign_algorithm": self.algorithm,
        }

    def jwks(self) -> dict:
        jwk = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [jwk | {"kid": KID, "alg": "RS256", "use": "sig"}]}

    def id_token(self, nonce: str) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer or self.url,
            "sub": self.sub,
            "aud": self.audience or self.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": self.nonce if self.nonce is not None else nonce,
            "email": self.email,
        }
        if self.algorithm == "HS256":
            return jwt.encode(claims, self.client_secret, algorithm="HS256")
        key = _key("other") if self.sign_with_other_key else self.key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": KID})

    def _handler(self):
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet in test output
                pass

            def _json(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                stub.requests.append(f"GET {parts.path}")
                if parts.path == "/authorize":
                    if query.get("client_id") != stub.client_id:
                        return self._json(400, {"error": "unauthorized_client"})
                    code = secrets.token_urlsafe(16)
                    stub.codes[code] = {
                        "nonce": query.get("nonce", ""),
                        "redirect_uri": query["redirect_uri"],
                        "login_hint": query.get("login_hint", ""),
                    }
                    back = urlencode({"code": code, "state": query.get("state", "")})
                    self.send_response(302)
                    self.send_header("Location", f"{query['redirect_uri']}?{back}")
                    self.end_headers()
                    return None
                if parts.path == "/jwks":
                    return self._json(200, stub.jwks())
                if parts.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if token not in stub.tokens:
                        return self._json(401, {"error": "invalid_token"})
                    return self._json(
                        200,
                        {
                            "sub": stub.sub,
                            "email": stub.email,
                            "email_verified": True,
                            "name": stub.name,
                        },
                    )
                return self._json(404, {"error": "not_found"})

            def do_POST(self):
                stub.requests.append(f"POST {self.path}")
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if self.path != "/token":
                    return self._json(404, {"error": "not_found"})
                if (form.get("client_id"), form.get("client_secret")) != (
                    stub.client_id,
                    stub.client_secret,
                ):
                    return self._json(401, {"error": "invalid_client"})
                grant = stub.codes.pop(form.get("code", ""), None)  # a code works once
                if grant is None or grant["redirect_uri"] != form.get("redirect_uri"):
                    return self._json(400, {"error": "invalid_grant"})
                access_token = secrets.token_urlsafe(16)
                stub.tokens[access_token] = grant
                return self._json(
                    200,
                    {
                        "access_token": access_token,
                        "token_type": "Bearer",
                        "expires_in": 300,
                        "id_token": stub.id_token(grant["nonce"]),
                    },
                )

        return Handler
