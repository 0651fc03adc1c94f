"""The only way a document reaches a file: templates/ and assets/ files, and data: URIs.

Everything else — http, ftp, file:// outside those folders, paths through '..' or a
symbolic link that leaves them — is refused, and the refusal fails that document.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from ... import TEMPLATES_DIR
from ...config import project

MEDIA_TYPES = {
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}


class RefusedURL(FatalURLFetchingError):
    """A document asked for something outside the allowed folders; rendering stops."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"refused to load {url[:200]!r}: {reason}")
        self.url = url
        self.reason = reason


class RestrictedFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves only files inside the allowed roots and data: URIs."""

    def __init__(self, roots: tuple[Path, ...] | None = None) -> None:
        from .fonts import font_roots

        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)
        roots = (TEMPLATES_DIR, project().assets) if roots is None else roots
        root_of_project = project().root.resolve()
        # A root that is a link to outside the project (assets -> /) serves nothing.
        self.roots = tuple(
            root.resolve()
            for root in roots
            if root == TEMPLATES_DIR or root.resolve().is_relative_to(root_of_project)
        )
        #: The pinned font packages: fonts only, nothing else from there.
        self.font_roots = font_roots()
        self.refused: list[RefusedURL] = []

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            raise self._refuse(url, f"the {scheme or 'relative'} scheme is not allowed")
        raw_path = unquote(urlsplit(url).path)
        if ".." in Path(raw_path).parts:
            raise self._refuse(url, "paths with '..' are not allowed")
        path = Path(url2pathname(urlsplit(url).path)).resolve()
        font = path.suffix.lower() in (".ttf", ".otf") and any(
            path.is_relative_to(root) for root in self.font_roots
        )
        if not font and not any(path.is_relative_to(root) for root in self.roots):
            raise self._refuse(url, "only files in templates/ and assets/ may be loaded")
        media_type = MEDIA_TYPES.get(path.suffix.lower())
        if media_type is None:
            raise self._refuse(url, f"files of type {path.suffix or '(none)'} may not be loaded")
        if not path.is_file():
            raise self._refuse(url, "no such file")
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": media_type})

    def _refuse(self, url: str, reason: str) -> RefusedURL:
        refusal = RefusedURL(url, reason)
        self.refused.append(refusal)
        return refusal
