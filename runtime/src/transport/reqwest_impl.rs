//! HTTP transports on reqwest, with rustls (ring provider) and the platform's trust store.

use std::error::Error as StdError;
use std::sync::Arc;

use rustls_platform_verifier::Verifier;

use super::error::BoxError;
use super::{Headers, HttpConfig, HttpRequest, HttpResponse, Method, TransportError};

/// The rustls configuration both clients use. Built here rather than left to reqwest so that
/// no process-wide crypto provider has to be installed: a library must not claim that global
/// for its host application.
fn tls_config(config: &HttpConfig) -> Result<rustls::ClientConfig, TransportError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let invalid = |e: rustls::Error| TransportError::Setup(format!("TLS: {e}"));
    let verifier = if config.extra_root_certificates.is_empty() {
        Verifier::new(provider.clone()).map_err(invalid)?
    } else {
        let roots = config
            .extra_root_certificates
            .iter()
            .map(|der| rustls::pki_types::CertificateDer::from(der.clone()));
        Verifier::new_with_extra_roots(roots, provider.clone()).map_err(invalid)?
    };
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(invalid)?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth())
}

fn method(m: Method) -> reqwest::Method {
    match m {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Delete => reqwest::Method::DELETE,
    }
}

fn headers(map: &reqwest::header::HeaderMap) -> Headers {
    map.iter()
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect()
}

/// Whether any error in the cause chain of `err` satisfies `pred`. `io::Error::source` skips
/// the error an `io::Error` wraps (it returns that error's source), so wrapped errors are
/// visited through `get_ref` instead.
fn any_cause(
    err: &(dyn StdError + 'static),
    pred: impl Fn(&(dyn StdError + 'static)) -> bool,
) -> bool {
    let mut cur: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = cur {
        if pred(e) {
            return true;
        }
        cur = match e
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::get_ref)
        {
            Some(inner) => Some(inner as &(dyn StdError + 'static)),
            None => e.source(),
        };
    }
    false
}

/// Whether a rustls error is in the cause chain: reqwest reports handshake and certificate
/// failures as connect errors, and callers need to tell them apart.
fn is_tls(err: &(dyn StdError + 'static)) -> bool {
    any_cause(err, |e| e.is::<rustls::Error>())
}

fn is_timeout_io(err: &(dyn StdError + 'static)) -> bool {
    any_cause(err, |e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut)
            || e.downcast_ref::<reqwest::Error>()
                .is_some_and(reqwest::Error::is_timeout)
    })
}

fn map_error(url: &str, err: reqwest::Error) -> TransportError {
    let url = url.to_owned();
    if err.is_builder() {
        return TransportError::InvalidRequest {
            url,
            message: err.to_string(),
        };
    }
    if err.is_timeout() || is_timeout_io(&err) {
        return TransportError::Timeout { url };
    }
    if is_tls(&err) {
        return TransportError::Tls {
            url,
            source: Box::new(err),
        };
    }
    if err.is_connect() {
        return TransportError::Connect {
            url,
            source: Box::new(err),
        };
    }
    TransportError::Io {
        url,
        source: Box::new(err) as BoxError,
    }
}

fn too_large(url: &str, limit: usize) -> TransportError {
    TransportError::TooLarge {
        url: url.to_owned(),
        limit,
    }
}

fn declared_too_large(length: Option<u64>, limit: usize) -> bool {
    length.is_some_and(|len| usize::try_from(len).map_or(true, |len| len > limit))
}

#[cfg(feature = "http-async")]
mod async_client {
    use std::future::Future;

    use super::*;
    use crate::transport::Transport;

    /// The async HTTP transport (reqwest + rustls). Cheap to clone; clones share the
    /// connection pool, so one transport can serve every concurrent call of a program.
    ///
    /// Redirects are not followed: a SOAP endpoint that redirects a POST is misconfigured, and
    /// following it would silently turn the POST into a GET.
    #[derive(Debug, Clone)]
    pub struct HttpTransport {
        client: reqwest::Client,
        config: HttpConfig,
    }

    impl HttpTransport {
        /// A transport with [`HttpConfig::default`].
        pub fn new() -> Result<Self, TransportError> {
            Self::with_config(HttpConfig::default())
        }

        /// A transport with the given timeouts and limits.
        pub fn with_config(config: HttpConfig) -> Result<Self, TransportError> {
            let client = reqwest::Client::builder()
                .connect_timeout(config.connect_timeout)
                .timeout(config.request_timeout)
                .user_agent(config.user_agent.clone())
                .redirect(reqwest::redirect::Policy::none())
                .tls_backend_preconfigured(tls_config(&config)?)
                .build()
                .map_err(|e| TransportError::Setup(e.to_string()))?;
            Ok(Self { client, config })
        }

        /// A transport on a client configured by the caller (proxies, client certificates...).
        /// `config` still supplies the response size limit.
        pub fn from_client(client: reqwest::Client, config: HttpConfig) -> Self {
            Self { client, config }
        }

        /// The settings in force.
        pub fn config(&self) -> &HttpConfig {
            &self.config
        }

        async fn execute(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
            let url = request.url;
            let mut builder = self.client.request(method(request.method), url.as_str());
            for (name, value) in request.headers.iter() {
                builder = builder.header(name, value);
            }
            if let Some(timeout) = request.timeout {
                builder = builder.timeout(timeout);
            }
            let mut response = builder
                .body(request.body)
                .send()
                .await
                .map_err(|e| map_error(&url, e))?;
            let limit = self.config.max_response_bytes;
            if declared_too_large(response.content_length(), limit) {
                return Err(too_large(&url, limit));
            }
            let status = response.status().as_u16();
            let headers = headers(response.headers());
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(|e| map_error(&url, e))? {
                if body.len() + chunk.len() > limit {
                    return Err(too_large(&url, limit));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(HttpResponse {
                status,
                headers,
                body,
            })
        }
    }

    impl Transport for HttpTransport {
        fn send(
            &self,
            request: HttpRequest,
        ) -> impl Future<Output = Result<HttpResponse, TransportError>> + Send {
            self.execute(request)
        }
    }
}

#[cfg(feature = "http-async")]
pub use async_client::HttpTransport;

#[cfg(feature = "http-blocking")]
mod blocking_client {
    use std::io::Read;

    use super::*;
    use crate::transport::BlockingTransport;

    /// The blocking HTTP transport (reqwest's blocking client + rustls).
    ///
    /// reqwest runs it on a private runtime thread; like reqwest's own blocking client it must
    /// be created and dropped outside of an async runtime. Inside async code use
    /// [`HttpTransport`](super::HttpTransport). Redirects are not followed.
    #[derive(Debug, Clone)]
    pub struct BlockingHttpTransport {
        client: reqwest::blocking::Client,
        config: HttpConfig,
    }

    impl BlockingHttpTransport {
        /// A transport with [`HttpConfig::default`].
        pub fn new() -> Result<Self, TransportError> {
            Self::with_config(HttpConfig::default())
        }

        /// A transport with the given timeouts and limits.
        pub fn with_config(config: HttpConfig) -> Result<Self, TransportError> {
            let client = reqwest::blocking::Client::builder()
                .connect_timeout(config.connect_timeout)
                .timeout(config.request_timeout)
                .user_agent(config.user_agent.clone())
                .redirect(reqwest::redirect::Policy::none())
                .tls_backend_preconfigured(tls_config(&config)?)
                .build()
                .map_err(|e| TransportError::Setup(e.to_string()))?;
            Ok(Self { client, config })
        }

        /// A transport on a client configured by the caller.
        pub fn from_client(client: reqwest::blocking::Client, config: HttpConfig) -> Self {
            Self { client, config }
        }

        /// The settings in force.
        pub fn config(&self) -> &HttpConfig {
            &self.config
        }
    }

    impl BlockingTransport for BlockingHttpTransport {
        fn send_blocking(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
            let url = request.url;
            let mut builder = self.client.request(method(request.method), url.as_str());
            for (name, value) in request.headers.iter() {
                builder = builder.header(name, value);
            }
            if let Some(timeout) = request.timeout {
                builder = builder.timeout(timeout);
            }
            let response = builder
                .body(request.body)
                .send()
                .map_err(|e| map_error(&url, e))?;
            let limit = self.config.max_response_bytes;
            if declared_too_large(response.content_length(), limit) {
                return Err(too_large(&url, limit));
            }
            let status = response.status().as_u16();
            let headers = headers(response.headers());
            let mut body = Vec::new();
            let read_limit = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
            response
                .take(read_limit)
                .read_to_end(&mut body)
                .map_err(|e| {
                    if is_timeout_io(&e) {
                        TransportError::Timeout { url: url.clone() }
                    } else {
                        TransportError::Io {
                            url: url.clone(),
                            source: Box::new(e),
                        }
                    }
                })?;
            if body.len() > limit {
                return Err(too_large(&url, limit));
            }
            Ok(HttpResponse {
                status,
                headers,
                body,
            })
        }
    }
}

#[cfg(feature = "http-blocking")]
pub use blocking_client::BlockingHttpTransport;
