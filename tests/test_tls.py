"""Certificates are checked: an HTTPS site is crawled only when its certificate is valid for its name.

Scrapy's default accepts any certificate; settings.py sets DOWNLOAD_VERIFY_CERTIFICATES. An HTTPS server
on 127.0.0.1 answers as `news.test` (faked name, see tests/test_guard.py) with a certificate from a CA
made here. Unknown to the system's trust store, the site fails; with the CA added through
`SSL_CERT_FILE` (how a user trusts a private CA) it is crawled; a certificate for another name fails.
"""

from __future__ import annotations

import re
import ssl
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.server import Reply, RouteServer
from tests.test_guard import SECTION, article_html, listing_html, run_crawl, stat

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.integration

ARTICLE = f"{SECTION}/secure-20220216"
ROUTES = {SECTION: Reply(listing_html([ARTICLE])), ARTICLE: Reply(article_html("Secure"))}
Key = ec.EllipticCurvePrivateKey
QUICK_ROBOTS = ("-s", "NEWSCRAWL_ROBOTS_RETRY_DELAY=0.05")  # robots.txt is the first request refused


def certificate(name: str, key: Key, issuer: tuple[str, Key] | None = None) -> x509.Certificate:
    """A one-day certificate for `name`, signed by `issuer` (name, key) or self-signed as a CA."""
    now = datetime.now(UTC)
    issuer_name, issuer_key = issuer or (name, key)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer_name)]))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=issuer is None, path_length=None), critical=True)
    )
    if issuer is not None:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def pem(tmp_path: Path, name: str, cert: x509.Certificate, key: Key | None = None) -> Path:
    path = tmp_path / f"{name}.pem"
    text = cert.public_bytes(serialization.Encoding.PEM)
    if key is not None:
        text += key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    path.write_bytes(text)
    return path


def make_certificates(tmp_path: Path, server_name: str) -> tuple[Path, Path]:
    """(CA certificate file, server certificate + key file) for a server answering as `server_name`."""
    ca_key, server_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = certificate("newscrawl test CA", ca_key)
    server = certificate(server_name, server_key, issuer=("newscrawl test CA", ca_key))
    return pem(tmp_path, "ca", ca), pem(tmp_path, "server", server, server_key)


class TLSRouteServer(RouteServer):
    """A RouteServer that speaks HTTPS with the given certificate and key."""

    def __init__(self, routes: dict[str, Reply], cert_and_key: Path) -> None:
        super().__init__(routes)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_and_key)
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.base_url = f"https://news.test:{self.httpd.server_address[1]}"


def tls_crawl(tmp_path: Path, certified_name: str, trust_ca: bool) -> tuple[str, dict[str, int]]:
    ca_file, server_file = make_certificates(tmp_path, certified_name)
    env = {"SSL_CERT_FILE": str(ca_file)} if trust_ca else {}
    with TLSRouteServer(ROUTES, server_file) as server:
        log = run_crawl(tmp_path, f"{server.base_url}{SECTION}", *QUICK_ROBOTS, env_extra=env)
    return log, server.hits


def test_a_certificate_from_a_trusted_ca_is_accepted(tmp_path: Path) -> None:
    log, hits = tls_crawl(tmp_path, "news.test", trust_ca=True)
    assert hits == {"/robots.txt": 1, SECTION: 1, ARTICLE: 1}
    assert stat(log, "item_scraped_count") == 1


@pytest.mark.parametrize(
    ("certified_name", "trust_ca", "error"),
    [
        ("news.test", False, "('SSL routines', '', 'certificate verify failed')"),
        ("other.test", True, "DNSMismatch(mismatched_id=DNS_ID(hostname=b'news.test'))"),
    ],
    ids=["unknown-ca", "wrong-name"],
)
def test_an_invalid_certificate_is_refused(
    tmp_path: Path, certified_name: str, trust_ca: bool, error: str
) -> None:
    log, hits = tls_crawl(tmp_path, certified_name, trust_ca)
    assert hits == {}  # no request got past the handshake
    assert stat(log, "item_scraped_count") is None
    assert log.count(error) == 6  # robots.txt's 4 tries, the final refusal, and "cannot reach news.test"
    cannot_reach = r"ERROR: cannot reach news\.test:\d+: robots\.txt: DownloadFailedError: "
    assert re.search(f"{cannot_reach}.*{re.escape(error)}", log)
    assert stat(log, "newscrawl/failed/RobotsTxtUnavailable") == 1  # the start page: its host is refused
