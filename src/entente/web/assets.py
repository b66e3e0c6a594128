"""Third-party browser assets served from installed Python packages, never from a CDN.

plotly.js comes from the ``plotly`` package; Swagger UI (5.x, which reads the OpenAPI 3.1
that FastAPI writes) from the static files of the ``fastapi-offline`` package.
Only a fixed list of files is served, so no path from a request reaches the disk.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

router = APIRouter(include_in_schema=False)

CACHE = {"Cache-Control": "public, max-age=86400"}
SWAGGER_FILES = {
    "swagger-ui-bundle.js": "application/javascript",
    "swagger-ui.css": "text/css",
    "favicon.png": "image/png",
}


@cache
def plotly_js() -> Path:
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.is_file():
        raise FileNotFoundError(f"plotly.min.js not found in the installed plotly package ({path})")
    return path


@cache
def swagger_dir() -> Path:
    import fastapi_offline

    path = Path(fastapi_offline.__file__).parent / "static"
    if not (path / "swagger-ui-bundle.js").is_file():
        raise FileNotFoundError(f"swagger-ui-bundle.js not found in the installed fastapi-offline ({path})")
    return path


@router.get("/assets/plotly.min.js")
def plotly_asset() -> FileResponse:
    return FileResponse(plotly_js(), media_type="application/javascript", headers=CACHE)


@router.get("/assets/swagger/{name}")
def swagger_asset(name: str) -> FileResponse:
    media_type = SWAGGER_FILES.get(name)
    if media_type is None:
        raise HTTPException(status_code=404, detail="no such asset")
    return FileResponse(swagger_dir() / name, media_type=media_type, headers=CACHE)
