//! Serving a [`Handler`] (a generated `Server<S>`) with axum: `router(handler)` answers every
//! path and method through the handler, so the port's address decides only where the router is
//! mounted (`Router::nest`) or bound. The request body is read up to the handler's
//! [`Handler::max_request_bytes`]; beyond it the answer is 413 without reading further.

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::Response;

use super::{Handler, too_large};
use crate::transport::{Headers, HttpRequest, HttpResponse, Method};

/// A router that sends every request to `handler`.
pub fn router<H: Handler>(handler: H) -> axum::Router {
    let handler = Arc::new(handler);
    axum::Router::new().fallback(move |request: Request| {
        let handler = Arc::clone(&handler);
        async move { answer(&*handler, request).await }
    })
}

/// Answers one axum request with `handler`.
pub async fn answer<H: Handler>(handler: &H, request: Request) -> Response {
    let limit = handler.max_request_bytes();
    let (parts, body) = request.into_parts();
    let method = match parts.method.as_str() {
        "GET" => Method::Get,
        "POST" => Method::Post,
        "PUT" => Method::Put,
        "DELETE" => Method::Delete,
        other => {
            return into_axum(
                HttpResponse::new(405, format!("method {other} is not supported\n"))
                    .with_header("Allow", "GET, POST"),
            );
        }
    };
    let declared = parts
        .headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > limit as u64) {
        return into_axum(too_large(limit));
    }
    let body = match to_bytes(body, limit).await {
        Ok(bytes) => bytes.to_vec(),
        // A body over the limit (chunked, so no Content-Length) or a broken connection.
        Err(_) => return into_axum(too_large(limit)),
    };
    let mut headers = Headers::new();
    for (name, value) in &parts.headers {
        // Header values that are not text cannot matter to SOAP or the HTTP binding.
        if let Ok(value) = value.to_str() {
            headers.append(name.as_str(), value);
        }
    }
    let url = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path().to_owned(), |pq| pq.as_str().to_owned());
    let request = HttpRequest {
        method,
        url,
        headers,
        body,
        timeout: None,
    };
    into_axum(handler.handle(request).await)
}

fn into_axum(response: HttpResponse) -> Response {
    let status = StatusCode::from_u16(response.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut out = Response::new(Body::from(response.body));
    *out.status_mut() = status;
    for (name, value) in response.headers.iter() {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            out.headers_mut().append(name, value);
        }
    }
    out
}

/// Serves `handler` on `listener` (e.g. a `tokio::net::TcpListener` the caller bound) until
/// the connection loop fails.
pub async fn serve<L, H>(listener: L, handler: H) -> std::io::Result<()>
where
    L: axum::serve::Listener,
    L::Addr: std::fmt::Debug,
    H: Handler,
{
    axum::serve(listener, router(handler)).await
}
