//! Hand-written payload, header and fault types shared by the SOAP tests, implemented against
//! the traits the derives implement (as a library author would for a custom header).

// Each test crate uses a different subset of these items.
#![allow(dead_code)]

use soapstone::xml::{
    DecodeError, DecodeErrorKind, EncodeError, NamespaceCollector, Offer, QNameRef, StartTag,
    XmlContent, XmlContentWrite, XmlRead, XmlReader, XmlRoot, XmlWrite, XmlWriter,
};

pub const SITE: &str = "urn:messages.chat.ws.rightnow.com/v1_2";
pub const FAULTS: &str = "urn:faults.chat.ws.rightnow.com/v1";
pub const S11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
pub const S12: &str = "http://www.w3.org/2003/05/soap-envelope";

/// Reads the children of the current element as `(local name, text)` pairs in namespace `ns`,
/// taking only `names`, in any order, each at most once.
pub fn read_fields(
    r: &mut XmlReader<'_>,
    ns: &str,
    names: &[&'static str],
) -> Result<Vec<Option<String>>, DecodeError> {
    let mut out = vec![None; names.len()];
    while let Some(child) = r.next_child()? {
        match names.iter().position(|n| child.is(ns, n)) {
            Some(i) if out[i].is_none() => out[i] = Some(r.read_text()?.into_owned()),
            Some(_) => return Err(r.duplicate_element(&child)),
            None => r.unknown_element(&child)?,
        }
    }
    Ok(out)
}

pub fn required(
    r: &XmlReader<'_>,
    ns: &'static str,
    name: &'static str,
    v: Option<String>,
) -> Result<String, DecodeError> {
    v.ok_or_else(|| r.missing_element(QNameRef::new(ns, name)))
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClientRequestHeader {
    pub app_id: String,
}

impl XmlRoot for ClientRequestHeader {
    const NAME: QNameRef<'static> = QNameRef::new(SITE, "ClientRequestHeader");
}

impl XmlWrite for ClientRequestHeader {
    fn write_xml(&self, w: &mut XmlWriter, name: QNameRef<'_>) -> Result<(), EncodeError> {
        w.start_element(name)?;
        w.simple_element(QNameRef::new(SITE, "AppID"), &self.app_id)?;
        w.end_element()
    }
    fn collect_namespaces(c: &mut NamespaceCollector) {
        c.add(SITE);
    }
}

impl XmlRead for ClientRequestHeader {
    fn read_xml(r: &mut XmlReader<'_>, _start: &StartTag<'_>) -> Result<Self, DecodeError> {
        let mut f = read_fields(r, SITE, &["AppID"])?;
        Ok(Self {
            app_id: required(r, SITE, "AppID", f[0].take())?,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct GetChatUrl {
    pub url_type: String,
    pub version: String,
}

impl XmlRoot for GetChatUrl {
    const NAME: QNameRef<'static> = QNameRef::new(SITE, "GetChatUrl");
}

impl XmlWrite for GetChatUrl {
    fn write_xml(&self, w: &mut XmlWriter, name: QNameRef<'_>) -> Result<(), EncodeError> {
        w.start_element(name)?;
        w.simple_element(QNameRef::new(SITE, "UrlType"), &self.url_type)?;
        w.simple_element(QNameRef::new(SITE, "Version"), &self.version)?;
        w.end_element()
    }
    fn collect_namespaces(c: &mut NamespaceCollector) {
        c.add(SITE);
    }
}

impl XmlRead for GetChatUrl {
    fn read_xml(r: &mut XmlReader<'_>, _start: &StartTag<'_>) -> Result<Self, DecodeError> {
        let mut f = read_fields(r, SITE, &["UrlType", "Version"])?;
        Ok(Self {
            url_type: required(r, SITE, "UrlType", f[0].take())?,
            version: required(r, SITE, "Version", f[1].take())?,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct GetChatUrlResponse {
    pub chat_url: String,
    pub chat_token: String,
    pub site_name: String,
}

impl XmlRoot for GetChatUrlResponse {
    const NAME: QNameRef<'static> = QNameRef::new(SITE, "GetChatUrlResponse");
}

impl XmlWrite for GetChatUrlResponse {
    fn write_xml(&self, w: &mut XmlWriter, name: QNameRef<'_>) -> Result<(), EncodeError> {
        w.start_element(name)?;
        w.start_element(QNameRef::new(SITE, "GetChatUrlResult"))?;
        w.simple_element(QNameRef::new(SITE, "ChatUrl"), &self.chat_url)?;
        w.simple_element(QNameRef::new(SITE, "ChatToken"), &self.chat_token)?;
        w.simple_element(QNameRef::new(SITE, "SiteName"), &self.site_name)?;
        w.end_element()?;
        w.end_element()
    }
    fn collect_namespaces(c: &mut NamespaceCollector) {
        c.add(SITE);
    }
}

impl XmlRead for GetChatUrlResponse {
    fn read_xml(r: &mut XmlReader<'_>, _start: &StartTag<'_>) -> Result<Self, DecodeError> {
        let mut result = None;
        while let Some(child) = r.next_child()? {
            if child.is(SITE, "GetChatUrlResult") && result.is_none() {
                let mut f = read_fields(r, SITE, &["ChatUrl", "ChatToken", "SiteName"])?;
                result = Some(Self {
                    chat_url: required(r, SITE, "ChatUrl", f[0].take())?,
                    chat_token: required(r, SITE, "ChatToken", f[1].take())?,
                    site_name: required(r, SITE, "SiteName", f[2].take())?,
                });
            } else {
                r.unknown_element(&child)?;
            }
        }
        result.ok_or_else(|| r.missing_element(QNameRef::new(SITE, "GetChatUrlResult")))
    }
}

/// RNFault-style fault detail (`ExceptionCode`, `ExceptionMessage`).
#[derive(Debug, Clone, PartialEq)]
pub struct RnFault {
    pub code: String,
    pub message: String,
}

impl RnFault {
    fn read(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut f = read_fields(r, FAULTS, &["ExceptionCode", "ExceptionMessage"])?;
        Ok(Self {
            code: required(r, FAULTS, "ExceptionCode", f[0].take())?,
            message: required(r, FAULTS, "ExceptionMessage", f[1].take())?,
        })
    }

    fn write(&self, w: &mut XmlWriter, local: &'static str) -> Result<(), EncodeError> {
        w.start_element(QNameRef::new(FAULTS, local))?;
        w.simple_element(QNameRef::new(FAULTS, "ExceptionCode"), &self.code)?;
        w.simple_element(QNameRef::new(FAULTS, "ExceptionMessage"), &self.message)?;
        w.end_element()
    }
}

/// The WSDL's faults of an operation, as the generator would emit them: a choice enum.
#[derive(Debug, Clone, PartialEq)]
pub enum ChatFault {
    RequestError(RnFault),
    ServerError(RnFault),
}

impl XmlContent for ChatFault {
    type State = Option<ChatFault>;

    fn accepts(start: &StartTag<'_>) -> bool {
        start.is(FAULTS, "RequestErrorFault") || start.is(FAULTS, "ServerErrorFault")
    }

    fn offer(
        state: &mut Self::State,
        r: &mut XmlReader<'_>,
        start: &StartTag<'_>,
    ) -> Result<Offer, DecodeError> {
        if !Self::accepts(start) {
            return Ok(Offer::NotMine);
        }
        if state.is_some() {
            return Ok(Offer::Duplicate);
        }
        let value = RnFault::read(r)?;
        *state = Some(if start.local() == "RequestErrorFault" {
            ChatFault::RequestError(value)
        } else {
            ChatFault::ServerError(value)
        });
        Ok(Offer::Taken)
    }

    fn is_started(state: &Self::State) -> bool {
        state.is_some()
    }

    fn finish(state: Self::State, r: &XmlReader<'_>) -> Result<Self, DecodeError> {
        state.ok_or_else(|| r.content_error(DecodeErrorKind::MissingChoice("a fault".into())))
    }
}

impl XmlContentWrite for ChatFault {
    fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        match self {
            ChatFault::RequestError(f) => f.write(w, "RequestErrorFault"),
            ChatFault::ServerError(f) => f.write(w, "ServerErrorFault"),
        }
    }
}

/// A port's request elements, as the generator would emit them for a server dispatcher.
#[derive(Debug, Clone, PartialEq)]
pub enum SiteRequest {
    GetChatUrl(GetChatUrl),
    Ping,
}

impl XmlContent for SiteRequest {
    type State = Option<SiteRequest>;

    fn accepts(start: &StartTag<'_>) -> bool {
        start.matches(GetChatUrl::NAME) || start.is(SITE, "Ping")
    }

    fn offer(
        state: &mut Self::State,
        r: &mut XmlReader<'_>,
        start: &StartTag<'_>,
    ) -> Result<Offer, DecodeError> {
        if state.is_some() {
            return Ok(if Self::accepts(start) {
                Offer::Duplicate
            } else {
                Offer::NotMine
            });
        }
        if start.matches(GetChatUrl::NAME) {
            *state = Some(SiteRequest::GetChatUrl(GetChatUrl::read_xml(r, start)?));
        } else if start.is(SITE, "Ping") {
            read_fields(r, SITE, &[])?;
            *state = Some(SiteRequest::Ping);
        } else {
            return Ok(Offer::NotMine);
        }
        Ok(Offer::Taken)
    }

    fn is_started(state: &Self::State) -> bool {
        state.is_some()
    }

    fn finish(state: Self::State, r: &XmlReader<'_>) -> Result<Self, DecodeError> {
        state.ok_or_else(|| r.content_error(DecodeErrorKind::MissingChoice("a request".into())))
    }
}
