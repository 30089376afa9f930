//! Serving WSDL 1.1 HTTP-binding ports (`http:binding verb="GET"|"POST"`): matching the
//! request path against an operation's `location` (with `(name)` placeholders), reading
//! `urlEncoded` query or form parameters, and the responses (200 with an XML document, 204
//! for operations without output, plain-text 4xx/5xx for errors: the HTTP binding has no
//! fault envelope).

use std::fmt;

use super::ServerFault;
use crate::soap::FaultSide;
use crate::transport::{HttpRequest, HttpResponse};
use crate::xml::{ReadOptions, XmlRead, XmlRoot, XmlText, XmlWrite, from_slice, to_vec};

/// Request parameters by name, percent-decoded, in request order (repeated names kept).
pub type Params = Vec<(String, String)>;

/// The path of a request URL: without scheme, authority, query and fragment.
pub fn request_path(url: &str) -> &str {
    let without_fragment = url.split('#').next().unwrap_or("");
    let without_query = without_fragment.split('?').next().unwrap_or("");
    match without_query.find("://") {
        Some(i) => {
            let after = &without_query[i + 3..];
            after.find('/').map_or("/", |slash| &after[slash..])
        }
        None => without_query,
    }
}

/// The query string of a request URL (after `?`, before `#`), if any.
pub fn request_query(url: &str) -> &str {
    let without_fragment = url.split('#').next().unwrap_or("");
    without_fragment.split_once('?').map_or("", |(_, q)| q)
}

/// Percent-decodes `value` (`+` stays `+` unless `plus_is_space`); `None` for a bad escape or
/// a result that is not UTF-8.
pub fn percent_decode(value: &str, plus_is_space: bool) -> Option<String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let hex = std::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Parses `a=1&b=2` (query strings and `application/x-www-form-urlencoded` bodies).
pub fn parse_pairs(text: &str) -> Result<Params, HttpResponse> {
    let mut params = Vec::new();
    for pair in text.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        match (percent_decode(name, true), percent_decode(value, true)) {
            (Some(n), Some(v)) => params.push((n, v)),
            _ => return Err(bad_request(format!("malformed parameter `{pair}`"))),
        }
    }
    Ok(params)
}

/// Matches the end of `path` against `location` (`agentAvailability/(id)`), segment by
/// segment: literal text must be equal, each `(name)` takes the (percent-decoded) text between
/// its literal neighbours within one segment. The part of the path before the match is the
/// port's address, which the server does not need to know. `None` when it does not match.
pub fn match_location(path: &str, location: &str) -> Option<Params> {
    let template: Vec<&str> = location
        .trim_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let segments: Vec<&str> = path
        .trim_end_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    if segments.len() < template.len() {
        return None;
    }
    let tail = &segments[segments.len() - template.len()..];
    let mut params = Vec::new();
    for (pattern, segment) in template.iter().zip(tail) {
        match_segment(pattern, segment, &mut params)?;
    }
    Some(params)
}

fn match_segment(pattern: &str, segment: &str, params: &mut Params) -> Option<()> {
    let mut rest_pattern = pattern;
    let mut rest = segment;
    loop {
        match rest_pattern.find('(') {
            None => return (rest_pattern == rest).then_some(()),
            Some(open) => {
                let literal = &rest_pattern[..open];
                rest = rest.strip_prefix(literal)?;
                let after = &rest_pattern[open + 1..];
                let close = after.find(')')?;
                let name = &after[..close];
                rest_pattern = &after[close + 1..];
                // The value runs to the next literal text of the pattern (or the segment's end).
                let next_literal = rest_pattern.split('(').next().unwrap_or("");
                let end = if next_literal.is_empty() {
                    if rest_pattern.is_empty() {
                        rest.len()
                    } else {
                        // Two adjacent placeholders cannot be told apart.
                        return None;
                    }
                } else {
                    rest.find(next_literal)?
                };
                let value = percent_decode(&rest[..end], false)?;
                if value.is_empty() {
                    return None;
                }
                params.push((name.to_owned(), value));
                rest = &rest[end..];
            }
        }
    }
}

/// The value of parameter `name` parsed as `T` (400 when missing or invalid).
pub fn param<T: XmlText>(params: &Params, name: &str) -> Result<T, HttpResponse> {
    let value = params
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .ok_or_else(|| bad_request(format!("missing parameter `{name}`")))?;
    T::from_xml_text(value).map_err(|e| bad_request(format!("parameter `{name}`: {e}")))
}

/// Every value of parameter `name` parsed as `T` (list-valued parts).
pub fn params<T: XmlText>(params: &Params, name: &str) -> Result<Vec<T>, HttpResponse> {
    params
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, v)| {
            T::from_xml_text(v).map_err(|e| bad_request(format!("parameter `{name}`: {e}")))
        })
        .collect()
}

/// Decodes the request body as the document `T` (400 naming the path and line:column).
pub fn xml_body<T: XmlRead + XmlRoot>(
    request: &HttpRequest,
    read: &ReadOptions,
) -> Result<T, HttpResponse> {
    from_slice(&request.body, read).map_err(|e| bad_request(format!("invalid request body: {e}")))
}

/// 200 with `output` as an XML document; a document that cannot be written is a 500.
pub fn xml_response<O: XmlWrite + XmlRoot + 'static>(output: &O) -> HttpResponse {
    match to_vec(output) {
        Ok(body) => HttpResponse::new(200, body)
            .with_header("Content-Type", "application/xml; charset=utf-8"),
        Err(e) => plain(500, format!("the response could not be encoded: {e}")),
    }
}

/// 204 No Content: the success of an operation without output.
pub fn no_content() -> HttpResponse {
    HttpResponse::new(204, Vec::new())
}

/// A plain-text response.
pub fn plain(status: u16, message: impl fmt::Display) -> HttpResponse {
    HttpResponse::new(status, format!("{message}\n"))
        .with_header("Content-Type", "text/plain; charset=utf-8")
}

/// 400 Bad Request.
pub fn bad_request(message: impl fmt::Display) -> HttpResponse {
    plain(400, message)
}

/// 404 for a path no operation's location matches.
pub fn not_found(request: &HttpRequest) -> HttpResponse {
    plain(
        404,
        format_args!(
            "no operation at {} {}",
            request.method,
            request_path(&request.url)
        ),
    )
}

/// A handler's error: 400 for a sender fault, 500 otherwise (the HTTP binding has no fault
/// envelope, so the reason travels as text).
pub fn error_response<F>(fault: ServerFault<F>) -> HttpResponse {
    match fault {
        ServerFault::Sender(reason)
        | ServerFault::Coded {
            side: FaultSide::Sender,
            reason,
            ..
        } => plain(400, reason),
        other => plain(500, other.reason()),
    }
}

/// Encodes a handler's result: 200 with the document or [`error_response`].
pub fn reply<O: XmlWrite + XmlRoot + 'static, F>(
    result: Result<O, ServerFault<F>>,
) -> HttpResponse {
    match result {
        Ok(output) => xml_response(&output),
        Err(fault) => error_response(fault),
    }
}

/// Encodes the result of an operation without output: 204 or [`error_response`].
pub fn reply_empty<F>(result: Result<(), ServerFault<F>>) -> HttpResponse {
    match result {
        Ok(()) => no_content(),
        Err(fault) => error_response(fault),
    }
}
