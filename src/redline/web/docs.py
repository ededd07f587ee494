"""``/docs`` without a CDN: Swagger UI's files come from the ``fastapi-offline`` package.

FastAPI's own ``/docs`` and ``/redoc`` load their scripts from a CDN, which a service on a
closed network cannot reach and which a strict Content-Security-Policy should not trust. The
page here loads only files this server sends, its initializer included (no inline script), so
its policy can be ``script-src 'self'``. URLs are relative, so the page also works under a
proxy's path prefix.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel

DOCS_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} - API</title>
<link rel="stylesheet" href="docs/static/swagger-ui.css">
<link rel="icon" href="docs/static/favicon.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/static/swagger-ui-bundle.js"></script>
<script src="docs/init.js"></script>
</body>
</html>
"""
_INIT = """SwaggerUIBundle({
  url: "openapi.json",
  dom_id: "#swagger-ui",
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  layout: "BaseLayout",
  deepLinking: true,
});
"""


def add_docs(app: FastAPI) -> None:
    """Serve ``GET /docs`` (Swagger UI) and its files from this server alone."""
    app.mount(
        "/docs/static", StaticFiles(packages=[("fastapi_offline", "static")]), name="docs-static"
    )
    page = _PAGE.format(title=app.title)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(page, headers={"Content-Security-Policy": DOCS_CSP})

    @app.get("/docs/init.js", include_in_schema=False)
    def docs_init() -> Response:
        return Response(_INIT, media_type="text/javascript")


def document_request_body(app: FastAPI, path: str, model: type[BaseModel]) -> None:
    """Describe ``model`` as the JSON body of ``POST path`` in the OpenAPI document.

    The route reads its body itself (to count bytes before holding them), so FastAPI cannot
    infer the schema; the model and the models it refers to are added to the components.
    """

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            body = model.model_json_schema(ref_template="#/components/schemas/{model}")
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components.update(body.pop("$defs", {}))
            components[model.__name__] = body
            schema["paths"][path]["post"]["requestBody"] = {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {"$ref": f"#/components/schemas/{model.__name__}"}
                    }
                },
            }
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to extend it
