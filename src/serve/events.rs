//! Server-sent events: each open page holds one stream at [`super::page::EVENTS_PATH`]; after
//! every rebuild (good or failed) it receives `event: reload`. A stream is a small task
//! waiting on a [`tokio::sync::watch`] of the build number, not a thread; a comment line every
//! few seconds finds the streams whose page was closed, and their tasks end. At most
//! [`MAX_STREAMS`] are open at once: one more is refused (`503`) and the page's script tries
//! again later (`retry:`).

use super::http::Body;
use bytes::Bytes;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::{mpsc, watch};

/// How often an idle stream is written to, to notice a closed page.
const KEEPALIVE: Duration = Duration::from_secs(10);
/// Event streams open at once (one per open page of the preview).
pub const MAX_STREAMS: usize = 256;

/// The latest build number, and the streams that wait for the next.
pub struct Hub {
    tx: watch::Sender<u64>,
    open: Arc<AtomicUsize>,
}

impl Default for Hub {
    fn default() -> Self {
        Hub {
            tx: watch::Sender::new(0),
            open: Arc::default(),
        }
    }
}

/// Counts an open stream while it lives.
struct Open(Arc<AtomicUsize>);

impl Drop for Open {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Hub {
    /// Tells every open stream that build `generation` is ready.
    pub fn broadcast(&self, generation: u64) {
        self.tx.send_replace(generation);
    }

    /// A new stream's body, or `None` when [`MAX_STREAMS`] are open. `since` is the build the
    /// page was served with: a page served before the current build is told at once.
    /// Must be called inside the server's runtime.
    pub fn stream(&self, since: Option<u64>) -> Option<Body> {
        let taken = self
            .open
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| {
                (n < MAX_STREAMS).then_some(n + 1)
            });
        if taken.is_err() {
            return None;
        }
        let open = Open(Arc::clone(&self.open));
        let mut rx = self.tx.subscribe();
        let (out, body) = mpsc::channel(2);
        tokio::spawn(async move {
            let _open = open;
            let send = |s: String| out.send(Ok(Bytes::from(s)));
            if send("retry: 500\n\n".into()).await.is_err() {
                return;
            }
            let current = *rx.borrow_and_update();
            if since != Some(current) && send(reload(current)).await.is_err() {
                return;
            }
            loop {
                let msg = tokio::select! {
                    changed = rx.changed() => match changed {
                        Ok(()) => reload(*rx.borrow_and_update()),
                        Err(_) => return,
                    },
                    () = tokio::time::sleep(KEEPALIVE) => ": ping\n\n".to_string(),
                };
                if send(msg).await.is_err() {
                    return;
                }
            }
        });
        Some(Body::Chunks(body))
    }

    /// How many streams are open.
    #[cfg(test)]
    fn count(&self) -> usize {
        self.open.load(Ordering::Relaxed)
    }
}

fn reload(generation: u64) -> String {
    format!("event: reload\ndata: {generation}\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::body::Body as _;

    async fn next(b: &mut Body) -> String {
        let f = std::future::poll_fn(|cx| std::pin::Pin::new(&mut *b).poll_frame(cx)).await;
        let data = f.unwrap().unwrap().into_data().unwrap();
        String::from_utf8(data.to_vec()).unwrap()
    }

    #[test]
    fn streams_hear_each_build_and_are_bounded() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        rt.block_on(async {
            let hub = Hub::default();
            hub.broadcast(3);
            let mut stale = hub.stream(Some(2)).unwrap();
            assert_eq!(next(&mut stale).await, "retry: 500\n\n");
            assert_eq!(next(&mut stale).await, "event: reload\ndata: 3\n\n");
            let mut fresh = hub.stream(Some(3)).unwrap();
            assert_eq!(next(&mut fresh).await, "retry: 500\n\n");
            hub.broadcast(4);
            assert_eq!(next(&mut fresh).await, "event: reload\ndata: 4\n\n");
            assert_eq!(hub.count(), 2);
            // A closed page's stream ends and frees its place.
            drop(stale);
            drop(fresh);
            hub.broadcast(5);
            for _ in 0..100 {
                if hub.count() == 0 {
                    break;
                }
                tokio::task::yield_now().await;
            }
            assert_eq!(hub.count(), 0);
            let held: Vec<Body> = (0..MAX_STREAMS)
                .map(|_| hub.stream(None).unwrap())
                .collect();
            assert!(hub.stream(None).is_none(), "one more than the bound");
            drop(held);
        });
    }
}
