//! The preview's HTTP server: hyper's HTTP/1.1 on a small tokio runtime, with every resource a
//! client can take bounded.
//!
//! A preview serves one person's browser, but anything on the machine, or a web page that
//! rebinds a DNS name to 127.0.0.1, can open connections to it. So:
//! - at most [`MAX_CONNECTIONS`] connections at once; one more is answered `503` at once and
//!   closed (a connection is a task of a few KB, not a thread);
//! - a request head is at most [`MAX_HEAD`] bytes (`431` beyond) and must arrive within
//!   [`HEAD_TIMEOUT`], which also closes idle kept-alive connections (slow or silent
//!   clients cannot hold a connection for long);
//! - file reads are short blocking jobs on a bounded pool ([`BLOCKING_THREADS`]): a large file
//!   is sent in chunks of [`CHUNK`] bytes, each read on its own, so slow downloads do not hold
//!   the pool and a `Range` request reads only its range;
//! - when the system refuses a socket or a thread, the request or connection fails alone and
//!   the server goes on; nothing here panics on a client's behaviour.

use bytes::Bytes;
use hyper::body::{Frame, SizeHint};
use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::sync::{Semaphore, mpsc};

/// Connections served at once (idle kept-alive ones and event streams included).
pub const MAX_CONNECTIONS: usize = 512;
/// Largest request head (request line and headers).
pub const MAX_HEAD: usize = 16 * 1024;
/// Time a client has to send a whole request head, from the moment the server waits for one.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(5);
/// Threads that read files (short jobs: one chunk or one small file each).
pub const BLOCKING_THREADS: usize = 8;
/// Bytes read at a time from a large file.
pub const CHUNK: usize = 256 * 1024;

/// A response body: bytes at hand, or chunks that arrive from a task (a large file, an
/// event stream). A chunk that fails ends the connection, so a client never takes a
/// truncated or mixed file for a whole one.
pub enum Body {
    Full(Option<Bytes>),
    Chunks(mpsc::Receiver<std::io::Result<Bytes>>),
}

impl Body {
    pub fn empty() -> Body {
        Body::Full(None)
    }
}

impl From<Vec<u8>> for Body {
    fn from(v: Vec<u8>) -> Body {
        Body::Full(Some(Bytes::from(v)))
    }
}

impl From<String> for Body {
    fn from(s: String) -> Body {
        Body::from(s.into_bytes())
    }
}

impl From<&'static str> for Body {
    fn from(s: &'static str) -> Body {
        Body::Full(Some(Bytes::from_static(s.as_bytes())))
    }
}

impl hyper::body::Body for Body {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        match self.get_mut() {
            Body::Full(b) => Poll::Ready(b.take().map(|b| Ok(Frame::data(b)))),
            Body::Chunks(rx) => rx.poll_recv(cx).map(|c| c.map(|r| r.map(Frame::data))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Body::Full(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Body::Full(b) => SizeHint::with_exact(b.as_ref().map_or(0, |b| b.len() as u64)),
            Body::Chunks(_) => SizeHint::default(),
        }
    }
}

pub type Response = hyper::Response<Body>;

/// A response with a status, headers and body. Names and values are ours (a redirect's
/// path has been checked to hold no CR or LF); one that is not valid is left out.
pub fn response(status: u16, headers: &[(&str, &str)], body: impl Into<Body>) -> Response {
    let mut b = hyper::Response::builder().status(status);
    for (n, v) in headers {
        if let Ok(v) = hyper::header::HeaderValue::from_str(v) {
            b = b.header(*n, v);
        }
    }
    b.body(body.into()).unwrap_or_else(|_| {
        let mut r = hyper::Response::new(Body::empty());
        *r.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
        r
    })
}

/// A request body read whole, or `None` once it passes `cap` bytes or breaks off.
pub async fn read_body(mut body: hyper::body::Incoming, cap: usize) -> Option<Vec<u8>> {
    use hyper::body::Body as _;
    let mut out = Vec::new();
    loop {
        let frame = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await;
        match frame {
            None => return Some(out),
            Some(Err(_)) => return None,
            Some(Ok(f)) => {
                if let Ok(d) = f.into_data() {
                    if out.len() + d.len() > cap {
                        return None;
                    }
                    out.extend_from_slice(&d);
                }
            }
        }
    }
}

/// A short plain-text answer: a message of the catalogue, one line.
pub fn text(status: u16, message: String) -> Response {
    response(
        status,
        &[
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
        ],
        message + "\n",
    )
}

/// What the server answers when it has no room for another connection, written straight on
/// the socket (no request is read): made once, in the language of the messages, when the
/// server starts.
fn busy_answer() -> Bytes {
    let body = crate::tr!(crate::msg::HTTP_BUSY) + "\n";
    Bytes::from(format!(
        "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ))
}

/// Accepts connections on `listener` for ever, serving each with `handle`.
pub async fn run<F, Fut>(listener: std::net::TcpListener, handle: F)
where
    F: Fn(hyper::Request<hyper::body::Incoming>) -> Fut + Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = Response> + Send + 'static,
{
    let listener = match listener
        .set_nonblocking(true)
        .and_then(|()| tokio::net::TcpListener::from_std(listener))
    {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{}", crate::tr!(crate::msg::SERVE_CANNOT_ACCEPT, error = e));
            return;
        }
    };
    let room = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let busy = busy_answer();
    loop {
        let tcp = match listener.accept().await {
            Ok((tcp, _)) => tcp,
            Err(_) => {
                // Out of file descriptors or memory for a socket: the connections already
                // open go on; try again shortly.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(permit) = Arc::clone(&room).try_acquire_owned() else {
            tokio::spawn(refuse(tcp, busy.clone()));
            continue;
        };
        let handle = handle.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let _ = tcp.set_nodelay(true);
            let service = hyper::service::service_fn(move |req| {
                let f = handle(req);
                async move { Ok::<_, Infallible>(f.await) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT)
                .max_buf_size(MAX_HEAD.max(8192))
                .max_header_size(MAX_HEAD)
                .title_case_headers(true)
                .serve_connection(hyper_util::rt::TokioIo::new(tcp), service)
                .await;
        });
    }
}

/// Answers a connection the server has no room for with `busy` ([`busy_answer`]) and closes
/// it.
async fn refuse(mut tcp: tokio::net::TcpStream, busy: Bytes) {
    use tokio::io::AsyncWriteExt as _;
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        let _ = tcp.write_all(&busy).await;
        let _ = tcp.shutdown().await;
    })
    .await;
}

/// Runs a short blocking job (a file read) on the bounded pool; `None` if the pool is gone.
pub async fn blocking<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    tokio::task::spawn_blocking(job).await.ok()
}

/// The tokio runtime of the server: two threads for connections, a few for file reads.
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(BLOCKING_THREADS)
        .thread_name("kehoach-serve")
        .enable_io()
        .enable_time()
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_busy_answer_says_its_length() {
        let busy = busy_answer();
        let text = std::str::from_utf8(&busy).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(
            head.contains(&format!("Content-Length: {}", body.len())),
            "{}",
            body.len()
        );
        assert_eq!(body, "The preview server is busy; try again in a moment.\n");
    }
}
