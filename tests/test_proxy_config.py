"""The sample reverse-proxy configurations (config/proxy/) fit the app behind them.

They set the forwarded headers the login lockout and SECURE_PROXY_SSL_HEADER trust, accept
the app's largest upload, wait longer than gunicorn, and serve nothing themselves. nginx and
Caddy (Debian's, installed by `make proxies`, a prerequisite of `make test-services`) check
the files as they would load them.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
PROXY = ROOT / "config" / "proxy"
NGINX = (PROXY / "nginx.conf").read_text()
CADDYFILE = (PROXY / "Caddyfile").read_text()
UNITS = {"k": 1024, "m": 1024**2, "g": 1024**3, "kib": 1024, "mib": 1024**2, "gib": 1024**3}


def _bytes(size: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([a-zA-Z]*)", size).groups()
    return int(number) * UNITS[unit.lower()]


def _seconds(duration: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([sm])", duration).groups()
    return int(number) * {"s": 1, "m": 60}[unit]


def _gunicorn_timeout() -> int:
    namespace: dict = {}
    exec((ROOT / "config" / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102
    return namespace["timeout"]


def _code(text: str) -> str:
    return "\n".join(line.split("#", 1)[0] for line in text.splitlines())


def _fits_the_largest_upload(limit: int) -> None:
    # Room for the form around the file, but not a proxy that accepts any size.
    assert settings.SURVEY_MAX_UPLOAD_BYTES < limit <= settings.SURVEY_MAX_UPLOAD_BYTES * 1.1


def test_nginx_forwards_what_the_app_trusts_and_serves_nothing_else():
    code = _code(NGINX)
    assert re.search(r"proxy_set_header X-Forwarded-For \$remote_addr;", code)
    assert re.search(r"proxy_set_header X-Forwarded-Proto \$scheme;", code)
    assert re.search(r"proxy_set_header Host \$host;", code)
    # docker-compose trusts exactly one proxy in front of web: this one.
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert compose["x-app-environment"]["TRUSTED_PROXY_COUNT"] == "${TRUSTED_PROXY_COUNT:-1}"
    _fits_the_largest_upload(_bytes(re.search(r"client_max_body_size (\w+);", code).group(1)))
    read_timeout = _seconds(re.search(r"proxy_read_timeout (\w+);", code).group(1))
    assert read_timeout > _gunicorn_timeout()
    assert re.findall(r"location\s+(\S+)\s*\{", code) == ["/"]
    assert not re.search(r"^\s*(root|alias|autoindex)\b", code, re.M)
    # Plain HTTP only redirects; the HTTPS server is the one that proxies.
    assert code.count("proxy_pass http://integraal_web;") == 1


def test_caddy_forwards_what_the_app_trusts_and_serves_nothing_else():
    code = _code(CADDYFILE)
    _fits_the_largest_upload(_bytes(re.search(r"max_size (\w+)", code).group(1)))
    timeout = _seconds(re.search(r"response_header_timeout (\w+)", code).group(1))
    assert timeout > _gunicorn_timeout()
    assert code.count("reverse_proxy ") == 1
    assert "trusted_proxies" not in code  # a client's own X-Forwarded-For is replaced
    assert not re.search(r"\b(file_server|root|respond)\b", code)


def test_nginx_loads_the_sample(tmp_path):
    nginx = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if not nginx:
        pytest.skip("nginx is not installed (make proxies)")
    # Only what this machine lacks is swapped: the compose host name and a certificate.
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=integraal.example.nl", "-keyout", tmp_path / "integraal.key",
         "-out", tmp_path / "integraal.crt"],
        check=True, capture_output=True,
    )  # fmt: skip
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        NGINX.replace("/etc/nginx/certs/", f"{tmp_path}/")
        .replace("server web:8000;", "server 127.0.0.1:8000;")
        .replace("pid /tmp/nginx-integraal.pid;", f"pid {tmp_path}/nginx.pid;")
    )
    result = subprocess.run(
        [nginx, "-t", "-c", conf, "-p", tmp_path], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_caddy_loads_the_sample_as_the_compose_proxy_service_does(tmp_path):
    service = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["proxy"]
    mounted = {volume.split(":")[1]: volume.split(":")[0] for volume in service["volumes"]}
    assert (ROOT / mounted["/etc/caddy/Caddyfile"]).resolve() == PROXY / "Caddyfile"
    assert service["environment"]["INTEGRAAL_UPSTREAM"] == "web:8000"
    caddy = shutil.which("caddy")
    if not caddy:
        pytest.skip("caddy is not installed (make proxies)")
    result = subprocess.run(
        [caddy, "validate", "--adapter", "caddyfile", "--config", PROXY / "Caddyfile"],
        capture_output=True,
        text=True,
        env=os.environ
        | service["environment"]
        | {
            "INTEGRAAL_DOMAIN": "integraal.example.nl",
            "XDG_DATA_HOME": str(tmp_path),
            "XDG_CONFIG_HOME": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stderr
    assert "Valid configuration" in result.stdout + result.stderr
