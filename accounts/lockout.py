"""The client address that the login lockout (django-axes) counts failures against.

Set as ``AXES_CLIENT_IP_CALLABLE``; the proxy settings are explained beside
``TRUSTED_PROXY_COUNT`` in ``config/settings/base.py``.
"""

from ipaddress import ip_address, ip_network

from django.conf import settings
from django.http import HttpRequest
from ipware.ip import get_client_ip


def client_ip_address(request: HttpRequest) -> str | None:
    """The address the outermost trusted proxy saw; REMOTE_ADDR without a trusted proxy."""
    remote_addr = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies < 1 or not _is_trusted_proxy(remote_addr):
        return remote_addr
    # django-ipware counts the proxies listed in the header after the client. The nearest
    # proxy is not listed there (it is REMOTE_ADDR), hence one less. strict=False reads a
    # longer header from the right instead of refusing it: a client that sends its own
    # X-Forwarded-For only adds entries on the left, which are never read.
    client, _routable = get_client_ip(
        request,
        proxy_count=proxies - 1,
        request_header_order=("HTTP_X_FORWARDED_FOR",),
        strict=False,
    )
    # No usable header (a request that bypassed the proxy chain): count the sender.
    return client or remote_addr


def _is_trusted_proxy(remote_addr: str | None) -> bool:
    if not settings.TRUSTED_PROXY_IPS:
        return True
    try:
        address = ip_address(remote_addr or "")
    except ValueError:
        return False
    address = getattr(address, "ipv4_mapped", None) or address
    return any(address in ip_network(network) for network in settings.TRUSTED_PROXY_IPS)
