"""Production settings, served over plain http to 127.0.0.1 by the load benchmark.

Only two things differ from config.settings.production:
- ROOT_URLCONF adds the floor view (bench_site/urls.py); the product's URLconf stays clean.
- The session and CSRF cookies lose their Secure flag. The benchmark has no TLS proxy in
  front of gunicorn; its clients send `X-Forwarded-Proto: https`, so Django treats each
  request as HTTPS (SECURE_PROXY_SSL_HEADER), but the load client (locust's requests
  session) follows the cookie rules and never sends a Secure cookie over http. Without this
  every request after the login would be anonymous, and every page a redirect to the login.
  A Secure flag changes nothing in the server's work per request.
"""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench_site.urls"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
