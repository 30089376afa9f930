//! Serving the mock: one handler routing by path, over axum on 127.0.0.1 or in memory.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use soapstone::server::{Chain, Handler};
use soapstone::transport::{HttpRequest, HttpResponse, MemoryTransport};
use soapstone_generated::bindings::{
    chat_wsdl as ece, messages_chat_ws_rightnow_v1_1 as site11,
    messages_chat_ws_rightnow_v1_2 as site12, messages_enduser_chat_ws_rightnow_v1 as enduser,
};
use tokio::sync::{Notify, oneshot};
use tokio::task::JoinHandle;

use super::{
    AuthStats, CHAT_PATH_PREFIX, ECE_PATH, Ece, MockConfig, MockServices, OracleChat, OracleSite,
    OracleSiteV1_1, SITE_V1_1_PATH, SITE_V1_2_PATH,
};

/// How long [`MockServer::shutdown`] waits for open connections to finish before it drops
/// them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

type EceServer = Chain<
    ece::entry_point_status_get_binding::Server<Arc<Ece>>,
    ece::entry_point_survey_post_binding::Server<Arc<Ece>>,
>;

/// Every service of the mock behind one [`Handler`], routed by path (see the module
/// documentation), counting requests and refusing them (503) beyond
/// [`MockConfig::max_requests`].
#[derive(Debug)]
pub struct MockHandler {
    services: MockServices,
    site: site12::chat_site_binding::Server<Arc<OracleSite>>,
    site_v1_1: site11::chat_site_binding::Server<Arc<OracleSiteV1_1>>,
    chat: enduser::chat_server_binding::Server<Arc<OracleChat>>,
    ece: EceServer,
    max_requests: Option<usize>,
    admitted: AtomicUsize,
    served: Arc<AtomicUsize>,
    limit_reached: Arc<Notify>,
}

impl MockHandler {
    /// The mock's services for a server reachable at `base_url` (`http://host:port`).
    pub fn new(config: MockConfig, base_url: &str) -> Self {
        let max_requests = config.max_requests;
        let services = MockServices::new(config, base_url);
        Self {
            site: site12::chat_site_binding::Server::new(Arc::clone(&services.site)),
            site_v1_1: site11::chat_site_binding::Server::new(Arc::clone(&services.site_v1_1)),
            chat: enduser::chat_server_binding::Server::new(Arc::clone(&services.chat)),
            ece: Chain::new(
                ece::entry_point_status_get_binding::Server::new(Arc::clone(&services.ece)),
                ece::entry_point_survey_post_binding::Server::new(Arc::clone(&services.ece)),
            ),
            services,
            max_requests,
            admitted: AtomicUsize::new(0),
            served: Arc::new(AtomicUsize::new(0)),
            limit_reached: Arc::new(Notify::new()),
        }
    }

    /// The services (shared with the handler).
    pub fn services(&self) -> &MockServices {
        &self.services
    }

    /// Requests answered so far (refusals over the limit excluded).
    pub fn requests_served(&self) -> usize {
        self.served.load(Ordering::SeqCst)
    }

    async fn route(&self, request: HttpRequest) -> HttpResponse {
        let path = soapstone::server::http::request_path(&request.url);
        if path == SITE_V1_2_PATH {
            self.site.handle(request).await
        } else if path == SITE_V1_1_PATH {
            self.site_v1_1.handle(request).await
        } else if path.starts_with(CHAT_PATH_PREFIX) {
            self.chat.handle(request).await
        } else if path.starts_with(ECE_PATH) {
            self.ece.handle(request).await
        } else {
            HttpResponse::new(404, format!("the mock serves nothing at {path}\n"))
                .with_header("Content-Type", "text/plain; charset=utf-8")
        }
    }
}

impl Handler for MockHandler {
    async fn handle(&self, request: HttpRequest) -> HttpResponse {
        let number = self.admitted.fetch_add(1, Ordering::SeqCst) + 1;
        if self.max_requests.is_some_and(|max| number > max) {
            return HttpResponse::new(503, "the mock has served its request limit\n")
                .with_header("Content-Type", "text/plain; charset=utf-8");
        }
        let response = self.route(request).await;
        self.served.fetch_add(1, Ordering::SeqCst);
        if self.max_requests == Some(number) {
            // A stored permit: the server stops even if it is not waiting yet.
            self.limit_reached.notify_one();
        }
        response
    }
}

/// A [`MemoryTransport`] answered by `handler` in the calling thread. The mock's services
/// never wait on I/O, so each request's future completes without a runtime.
pub fn memory_transport(handler: MockHandler) -> MemoryTransport {
    let handler = Arc::new(handler);
    MemoryTransport::new(move |request| run_ready(handler.handle(request.clone())))
}

/// Polls a future that never waits on I/O to completion; a future that keeps pending (a
/// service that does wait) is answered 500 instead of hanging the caller.
fn run_ready(future: impl Future<Output = HttpResponse>) -> HttpResponse {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..10_000 {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
        std::thread::yield_now();
    }
    HttpResponse::new(500, "the in-memory mock did not answer synchronously\n")
}

/// The mock served with axum on 127.0.0.1 (an OS-chosen port). It stops on
/// [`MockServer::shutdown`], when dropped, after [`MockConfig::max_requests`] requests, or
/// after [`MockConfig::lifetime`].
#[derive(Debug)]
pub struct MockServer {
    addr: SocketAddr,
    services: MockServices,
    served: Arc<AtomicUsize>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl MockServer {
    /// Binds 127.0.0.1:0 and starts serving in a task of the current tokio runtime.
    pub async fn start(config: MockConfig) -> std::io::Result<MockServer> {
        let listener = tokio::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        let lifetime = config.lifetime;
        let handler = MockHandler::new(config, &format!("http://{addr}"));
        let services = handler.services.clone();
        let served = Arc::clone(&handler.served);
        let limit_reached = Arc::clone(&handler.limit_reached);
        let (stop, stopped) = oneshot::channel::<()>();
        let router = soapstone::server::axum::router(handler);
        let fired = Arc::new(Notify::new());
        let signal = {
            let fired = Arc::clone(&fired);
            async move {
                let expired = async {
                    match lifetime {
                        Some(lifetime) => tokio::time::sleep(lifetime).await,
                        None => std::future::pending().await,
                    }
                };
                tokio::select! {
                    // A dropped sender (the `MockServer` dropped) stops the server too.
                    _ = stopped => {}
                    () = limit_reached.notified() => {}
                    () = expired => {}
                }
                fired.notify_one();
            }
        };
        let task = tokio::spawn(async move {
            // Graceful shutdown waits for open connections; a client that never finishes its
            // request must not keep the server alive past the grace period.
            let grace_over = async {
                fired.notified().await;
                tokio::time::sleep(SHUTDOWN_GRACE).await;
            };
            tokio::select! {
                result = axum::serve(listener, router).with_graceful_shutdown(signal) => result,
                () = grace_over => Ok(()),
            }
        });
        Ok(MockServer {
            addr,
            services,
            served,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// The listening address (127.0.0.1 and the port the OS chose).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The Oracle chat site v1_2 endpoint.
    pub fn oracle_site_url(&self) -> String {
        format!("{}{SITE_V1_2_PATH}", self.base_url())
    }

    /// The Oracle chat site v1_1 endpoint.
    pub fn oracle_site_v1_1_url(&self) -> String {
        format!("{}{SITE_V1_1_PATH}", self.base_url())
    }

    /// The Oracle chat server endpoint (the ChatUrl GetChatUrl returns).
    pub fn oracle_chat_url(&self) -> String {
        self.services.site.chat_url().to_owned()
    }

    /// The ECE entry-point address (ends with `/`; operation locations are relative to it).
    pub fn ece_base_url(&self) -> String {
        format!("{}{ECE_PATH}", self.base_url())
    }

    /// Requests answered so far.
    pub fn requests_served(&self) -> usize {
        self.served.load(Ordering::SeqCst)
    }

    /// The services, to inspect their state (sessions, surveys, authentication counts).
    pub fn services(&self) -> &MockServices {
        &self.services
    }

    /// What the Oracle services accepted and refused.
    pub fn auth_stats(&self) -> &AuthStats {
        &self.services.auth
    }

    /// Whether the server has stopped (limit, lifetime or a failed listener).
    pub fn is_finished(&self) -> bool {
        self.task.as_ref().is_none_or(JoinHandle::is_finished)
    }

    /// Stops accepting connections, lets open requests finish (at most 5 seconds) and waits
    /// for the server task to end.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            // The server may already have stopped on its own; then nobody listens.
            let _ = stop.send(());
        }
        if let Some(mut task) = self.task.take()
            && tokio::time::timeout(SHUTDOWN_GRACE, &mut task)
                .await
                .is_err()
        {
            task.abort();
        }
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        // Dropping `stop` signals the graceful shutdown; abort in case connections linger.
        self.stop.take();
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
