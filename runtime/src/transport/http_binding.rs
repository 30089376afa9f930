//! The WSDL 1.1 HTTP binding (`http:binding`, `http:operation location`, `http:urlReplacement`,
//! `http:urlEncoded`, `mime:mimeXml`): building request URLs and requests, and reading
//! responses.
//!
//! The operation's `location` is appended to the port's `http:address` with exactly one `/`
//! between them (WSDL 1.1 §4.4 gives the location relative to the address; the examples and
//! every implementation concatenate). Parameter values are percent-encoded: everything except
//! the RFC 3986 unreserved characters, so a value can never add a path segment or a query
//! parameter of its own.
//!
//! [`send`] / [`send_blocking`] run a request through a transport and decode the response
//! document (`crate::xml::to_vec` writes a request document for [`post_xml_request`]).

use std::fmt::Write as _;
use std::future::Future;

use super::{BlockingTransport, HttpRequest, HttpResponse, Method, Transport, TransportError};
use crate::xml::{DecodeError, ReadOptions, XmlRead, XmlRoot, from_slice};

/// The `Accept` value sent with HTTP-binding requests: servers such as Cisco ECE negotiate
/// between XML and JSON, and the binding reads XML.
pub const ACCEPT_XML: &str = "application/xml";

/// Content-Type of an XML request body when the binding's `mime:content` does not say.
pub const DEFAULT_XML_CONTENT_TYPE: &str = "text/xml; charset=utf-8";

/// Appends the percent-encoded form of `value` (every byte outside the unreserved set).
pub fn percent_encode_into(out: &mut String, value: &str) {
    for &b in value.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{b:02X}");
        }
    }
}

/// `address` + `/` + `location` with the `(name)` placeholders of `location` replaced by the
/// percent-encoded values of `params` (`http:urlReplacement`).
///
/// Every placeholder needs a value and every value a placeholder: a mismatch is a binding or
/// code generation bug, reported rather than silently producing a different URL.
pub fn replace_url(
    address: &str,
    location: &str,
    params: &[(&str, &str)],
) -> Result<String, TransportError> {
    let invalid = |message: String| TransportError::InvalidRequest {
        url: format!("{address} + {location}"),
        message,
    };
    let mut url = join(address, location_prefix(location));
    let mut used = vec![false; params.len()];
    let mut rest = location.trim_start_matches('/');
    while let Some(open) = rest.find('(') {
        url.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after
            .find(')')
            .ok_or_else(|| invalid(format!("unclosed `(` in location {location:?}")))?;
        let name = &after[..close];
        let index = params.iter().position(|(n, _)| *n == name).ok_or_else(|| {
            invalid(format!(
                "no value for URL replacement part `{name}` of {location:?}"
            ))
        })?;
        used[index] = true;
        percent_encode_into(&mut url, params[index].1);
        rest = &after[close + 1..];
    }
    if rest.contains(')') {
        return Err(invalid(format!("unbalanced `)` in location {location:?}")));
    }
    url.push_str(rest);
    if let Some((name, _)) = params
        .iter()
        .zip(&used)
        .find(|(_, used)| !**used)
        .map(|(p, _)| p)
    {
        return Err(invalid(format!(
            "part `{name}` has no `({name})` in location {location:?}"
        )));
    }
    Ok(url)
}

/// The address with the separator the location needs; the location itself is appended by
/// the caller piece by piece.
fn location_prefix(location: &str) -> &str {
    if location.trim_start_matches('/').is_empty() {
        ""
    } else {
        "/"
    }
}

fn join(address: &str, sep: &str) -> String {
    let mut url = String::with_capacity(address.len() + 32);
    url.push_str(if sep.is_empty() {
        address
    } else {
        address.trim_end_matches('/')
    });
    url.push_str(sep);
    url
}

/// `address` + `/` + `location` (no placeholders), then `params` as a percent-encoded query
/// string (`http:urlEncoded`). Repeated names are kept (list-valued parts).
pub fn encode_url(address: &str, location: &str, params: &[(&str, &str)]) -> String {
    let mut url = join(address, location_prefix(location));
    url.push_str(location.trim_start_matches('/'));
    append_query(&mut url, params);
    url
}

/// Appends `params` to `url` as a query string, after `?` or `&` as the URL needs.
pub fn append_query(url: &mut String, params: &[(&str, &str)]) {
    for (i, (name, value)) in params.iter().enumerate() {
        if i == 0 {
            url.push(if url.contains('?') { '&' } else { '?' });
        } else {
            url.push('&');
        }
        percent_encode_into(url, name);
        url.push('=');
        percent_encode_into(url, value);
    }
}

/// A GET of `url` asking for XML.
pub fn get_request(url: impl Into<String>) -> HttpRequest {
    HttpRequest::new(Method::Get, url).with_header("Accept", ACCEPT_XML)
}

/// A POST of an XML document to `url` (`mime:mimeXml` / `mime:content type="text/xml"` input),
/// with `content_type` or [`DEFAULT_XML_CONTENT_TYPE`].
pub fn post_xml_request(
    url: impl Into<String>,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> HttpRequest {
    HttpRequest::new(Method::Post, url)
        .with_header(
            "Content-Type",
            content_type.unwrap_or(DEFAULT_XML_CONTENT_TYPE),
        )
        .with_header("Accept", ACCEPT_XML)
        .with_body(body)
}

/// What a successful HTTP-binding response carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpBody {
    /// 204 No Content, or a 2xx with an empty body: success without a document (the ECE
    /// survey POST).
    Empty,
    /// A 2xx with a document to decode.
    Xml(Vec<u8>),
}

/// Sorts a response into success (with or without a document) and
/// [`TransportError::Status`] for anything else, keeping the body of error responses.
pub fn read_response(url: &str, response: HttpResponse) -> Result<HttpBody, TransportError> {
    if !response.is_success() {
        return Err(TransportError::Status {
            url: url.to_owned(),
            status: response.status,
            headers: response.headers,
            body: response.body,
        });
    }
    if response.status == 204 || response.body.iter().all(u8::is_ascii_whitespace) {
        Ok(HttpBody::Empty)
    } else {
        Ok(HttpBody::Xml(response.body))
    }
}

/// Why an HTTP-binding call did not produce its typed output.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HttpBindingError {
    /// No response, or an unexpected status ([`TransportError::Status`], body kept).
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// The response document does not decode into the output type.
    #[error("cannot decode the response of {url}: {source}")]
    Decode {
        /// Request URL.
        url: String,
        /// The decode error (element path, line:column).
        #[source]
        source: Box<DecodeError>,
    },
    /// A 2xx response without the document the operation promises.
    #[error("empty response from {url} where a document was expected")]
    MissingBody {
        /// Request URL.
        url: String,
    },
}

/// Decodes a successful response's document as `R`; `Ok(None)` for [`HttpBody::Empty`].
pub fn decode_body<R: XmlRead + XmlRoot>(
    url: &str,
    body: HttpBody,
    read: &ReadOptions,
) -> Result<Option<R>, HttpBindingError> {
    match body {
        HttpBody::Empty => Ok(None),
        HttpBody::Xml(bytes) => {
            from_slice::<R>(&bytes, read)
                .map(Some)
                .map_err(|source| HttpBindingError::Decode {
                    url: url.to_owned(),
                    source: Box::new(source),
                })
        }
    }
}

/// Sends an HTTP-binding request and decodes the response: `Ok(Some(doc))` for a document,
/// `Ok(None)` for 204 / an empty body, errors for other statuses (body kept) and bad
/// documents.
pub fn send<'t, T, R>(
    transport: &'t T,
    request: HttpRequest,
    read: &ReadOptions,
) -> impl Future<Output = Result<Option<R>, HttpBindingError>> + Send + use<'t, T, R>
where
    T: Transport,
    R: XmlRead + XmlRoot + Send,
{
    let read = read.clone();
    async move {
        let url = request.url.clone();
        let response = transport.send(request).await?;
        decode_body(&url, read_response(&url, response)?, &read)
    }
}

/// The blocking twin of [`send`].
pub fn send_blocking<T, R>(
    transport: &T,
    request: HttpRequest,
    read: &ReadOptions,
) -> Result<Option<R>, HttpBindingError>
where
    T: BlockingTransport + ?Sized,
    R: XmlRead + XmlRoot,
{
    let url = request.url.clone();
    let response = transport.send_blocking(request)?;
    decode_body(&url, read_response(&url, response)?, read)
}

/// The document a GET-style operation must return.
pub fn require_body<R>(url: &str, body: Option<R>) -> Result<R, HttpBindingError> {
    body.ok_or_else(|| HttpBindingError::MissingBody {
        url: url.to_owned(),
    })
}
