//! A transport answered by a closure, for tests and embedded mocks.

use std::fmt;
use std::future::{Future, ready};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::{BlockingTransport, HttpRequest, HttpResponse, Transport, TransportError};

type Handler = dyn Fn(&HttpRequest) -> Result<HttpResponse, TransportError> + Send + Sync;

/// A transport whose responses come from a handler closure; every request is recorded in
/// order. It implements both [`Transport`] and [`BlockingTransport`], so the same mock serves
/// async and blocking clients. Clones share the handler and the record.
#[derive(Clone)]
pub struct MemoryTransport {
    handler: Arc<Handler>,
    recorded: Arc<Mutex<Vec<HttpRequest>>>,
}

impl MemoryTransport {
    /// A transport answering every request with `handler`'s response.
    pub fn new<F>(handler: F) -> Self
    where
        F: Fn(&HttpRequest) -> HttpResponse + Send + Sync + 'static,
    {
        Self::fallible(move |request| Ok(handler(request)))
    }

    /// A transport whose handler may also fail like a network would.
    pub fn fallible<F>(handler: F) -> Self
    where
        F: Fn(&HttpRequest) -> Result<HttpResponse, TransportError> + Send + Sync + 'static,
    {
        Self {
            handler: Arc::new(handler),
            recorded: Arc::new(Mutex::new(Vec::new())),
        }
    }

    /// A transport answering every request with a clone of `response`.
    pub fn fixed(response: HttpResponse) -> Self {
        Self::new(move |_| response.clone())
    }

    /// The requests seen so far, in order.
    pub fn requests(&self) -> Vec<HttpRequest> {
        self.record().clone()
    }

    /// The most recent request.
    pub fn last_request(&self) -> Option<HttpRequest> {
        self.record().last().cloned()
    }

    /// Forgets the recorded requests.
    pub fn clear(&self) {
        self.record().clear();
    }

    fn record(&self) -> MutexGuard<'_, Vec<HttpRequest>> {
        // A handler that panicked in another thread leaves the record intact: keep using it
        // rather than propagating the panic into every later caller.
        self.recorded.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn handle(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let response = (self.handler)(&request);
        self.record().push(request);
        response
    }
}

impl fmt::Debug for MemoryTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemoryTransport")
            .field("recorded", &self.record().len())
            .finish()
    }
}

impl Transport for MemoryTransport {
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> + Send {
        ready(self.handle(request))
    }
}

impl BlockingTransport for MemoryTransport {
    fn send_blocking(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.handle(request)
    }
}
