"""Links to stand-ins for real sites, checked with the site's link-check settings.

tests/test_linkcheck.py writes index.md, with the address of its server on
127.0.0.1, and gives docs/conf.py's ``linkcheck_*`` values as overrides. The
server also stands in for https:// sites, as the proxy that every request
goes through, with the certificate here (made for doi.org and example.org).
"""

from __future__ import annotations

from pathlib import Path

project = "Linkcheck settings"
version = release = "1"
copyright = "2026, Authors"
extensions = ["myst_parser"]

# Self-signed, valid until 2126; made with
#   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes
#     -days 36500 -subj "/CN=linkcheck test server"
#     -addext "subjectAltName=DNS:doi.org,DNS:example.org"
#     -addext "basicConstraints=critical,CA:TRUE"
#     -addext "keyUsage=critical,digitalSignature,keyCertSign"
#     -addext "extendedKeyUsage=serverAuth" -keyout key.pem -out cert.pem
tls_cacerts = str(Path(__file__).with_name("cert.pem"))
