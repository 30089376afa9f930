//! SOAP over HTTP: the request headers each SOAP version needs, and reading them back on the
//! server side.
//!
//! - SOAP 1.1: `Content-Type: text/xml; charset=utf-8` and a `SOAPAction` header holding the
//!   action as a quoted string (`SOAPAction: "GetChatUrl"`; `""` when the binding has none).
//! - SOAP 1.2: `Content-Type: application/soap+xml; charset=utf-8; action="..."` (the action is
//!   a media-type parameter, left out when empty) and no SOAPAction header.

use super::{HttpRequest, Method, TransportError};
use crate::soap::SoapVersion;

/// Content-Type of SOAP 1.1 requests and responses.
pub const SOAP11_CONTENT_TYPE: &str = "text/xml; charset=utf-8";
/// Content-Type of SOAP 1.2 messages (without the `action` parameter).
pub const SOAP12_CONTENT_TYPE: &str = "application/soap+xml; charset=utf-8";

/// Checks that an action can be carried inside an HTTP quoted string as is. Actions are URIs
/// or operation names; a quote, backslash or control character means a wrong binding, and
/// escaping it would only hide that.
fn check_action(url: &str, action: &str) -> Result<(), TransportError> {
    if let Some(c) = action
        .chars()
        .find(|c| *c == '"' || *c == '\\' || c.is_control())
    {
        return Err(TransportError::InvalidRequest {
            url: url.to_owned(),
            message: format!("SOAP action {action:?} contains {c:?}, which HTTP cannot carry"),
        });
    }
    Ok(())
}

/// The Content-Type value for `version` carrying `action`.
pub fn content_type(version: SoapVersion, action: &str) -> String {
    match version {
        SoapVersion::Soap11 => SOAP11_CONTENT_TYPE.to_owned(),
        SoapVersion::Soap12 if action.is_empty() => SOAP12_CONTENT_TYPE.to_owned(),
        SoapVersion::Soap12 => format!("{SOAP12_CONTENT_TYPE}; action=\"{action}\""),
    }
}

/// A POST of `envelope` to `url` with the headers `version` requires for `action` (the
/// binding's `soapAction`; empty when it has none).
pub fn soap_request(
    version: SoapVersion,
    url: &str,
    action: &str,
    envelope: Vec<u8>,
) -> Result<HttpRequest, TransportError> {
    check_action(url, action)?;
    let mut request = HttpRequest::new(Method::Post, url)
        .with_header("Content-Type", content_type(version, action))
        .with_body(envelope);
    match version {
        SoapVersion::Soap11 => {
            request.headers.insert("Accept", "text/xml");
            request
                .headers
                .insert("SOAPAction", format!("\"{action}\""));
        }
        SoapVersion::Soap12 => request.headers.insert("Accept", "application/soap+xml"),
    }
    Ok(request)
}

/// The SOAP version a request's Content-Type announces (`text/xml` → 1.1,
/// `application/soap+xml` → 1.2); `None` for anything else.
pub fn version_from_content_type(content_type: &str) -> Option<SoapVersion> {
    let media = content_type.split(';').next().unwrap_or("").trim();
    if media.eq_ignore_ascii_case("text/xml") {
        Some(SoapVersion::Soap11)
    } else if media.eq_ignore_ascii_case("application/soap+xml") {
        Some(SoapVersion::Soap12)
    } else {
        None
    }
}

/// The action of a received request: the `SOAPAction` header (quotes removed) for SOAP 1.1,
/// the Content-Type `action` parameter for SOAP 1.2; `None` when absent or empty.
pub fn request_action(version: SoapVersion, headers: &super::Headers) -> Option<String> {
    let raw = match version {
        SoapVersion::Soap11 => headers.get("soapaction").map(str::trim).map(unquote)?,
        SoapVersion::Soap12 => media_type_param(headers.get("content-type")?, "action")?,
    };
    (!raw.is_empty()).then_some(raw)
}

/// A parameter of a media type (`type/sub; name=value; name2="quoted value"`), names compared
/// case-insensitively.
pub fn media_type_param(content_type: &str, name: &str) -> Option<String> {
    let mut rest = content_type.split_once(';')?.1;
    loop {
        let (key, after_eq) = rest.split_once('=')?;
        let after_eq = after_eq.trim_start();
        let (value, next) = if let Some(quoted) = after_eq.strip_prefix('"') {
            let mut value = String::new();
            let mut chars = quoted.char_indices();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        if let Some((_, escaped)) = chars.next() {
                            value.push(escaped);
                        }
                    }
                    '"' => {
                        end = Some(i + 1);
                        break;
                    }
                    other => value.push(other),
                }
            }
            let next = end.map_or("", |e| &quoted[e..]);
            (value, next.split_once(';').map_or("", |(_, n)| n))
        } else {
            let (value, next) = after_eq.split_once(';').unwrap_or((after_eq, ""));
            (value.trim().to_owned(), next)
        };
        if key.trim().eq_ignore_ascii_case(name) {
            return Some(value);
        }
        if next.is_empty() {
            return None;
        }
        rest = next;
    }
}

fn unquote(s: &str) -> String {
    s.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(s)
        .to_owned()
}
