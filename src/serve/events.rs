//! Server-sent events: each open page holds one connection to [`super::page::EVENTS_PATH`];
//! after every rebuild (good or failed) it receives `event: reload`. One thread per
//! connection blocks on a channel; a comment line every few seconds finds the connections
//! whose page was closed, and their threads end.

use std::io::Write;
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// How often an idle stream is written to, to notice a closed page.
const KEEPALIVE: Duration = Duration::from_secs(10);

/// The open event streams.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<Sender<u64>>>,
}

impl Hub {
    /// A new stream's receiving end.
    pub fn subscribe(&self) -> Receiver<u64> {
        let (tx, rx) = mpsc::channel();
        lock(&self.clients).push(tx);
        rx
    }

    /// Tells every open stream that build `generation` is ready; forgets closed ones.
    pub fn broadcast(&self, generation: u64) {
        lock(&self.clients).retain(|tx| tx.send(generation).is_ok());
    }

    /// How many streams were open at the last broadcast.
    #[cfg(test)]
    fn count(&self) -> usize {
        lock(&self.clients).len()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Serves one event stream on `w` (the raw connection) until the page goes away.
/// `stale` says that the page was served before the current build: it is told at once.
pub fn stream(mut w: Box<dyn Write + Send>, rx: Receiver<u64>, stale: Option<u64>) {
    let head = "HTTP/1.1 200 OK\r\n\
                Content-Type: text/event-stream; charset=utf-8\r\n\
                Cache-Control: no-store\r\n\
                Connection: close\r\n\
                X-Accel-Buffering: no\r\n\r\n\
                retry: 500\n\n";
    if send(&mut w, head).is_err() {
        return;
    }
    if let Some(g) = stale
        && send(&mut w, &reload(g)).is_err()
    {
        return;
    }
    loop {
        let msg = match rx.recv_timeout(KEEPALIVE) {
            Ok(g) => reload(g),
            Err(RecvTimeoutError::Timeout) => ": ping\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if send(&mut w, &msg).is_err() {
            return;
        }
    }
}

fn reload(generation: u64) -> String {
    format!("event: reload\ndata: {generation}\n\n")
}

fn send(w: &mut Box<dyn Write + Send>, s: &str) -> std::io::Result<()> {
    w.write_all(s.as_bytes())?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broadcast_reaches_open_streams_and_forgets_closed_ones() {
        let hub = Hub::default();
        let a = hub.subscribe();
        let b = hub.subscribe();
        drop(b);
        hub.broadcast(3);
        assert_eq!(a.recv().unwrap(), 3);
        assert_eq!(hub.count(), 1);
        drop(a);
        hub.broadcast(4);
        assert_eq!(hub.count(), 0);
    }
}
