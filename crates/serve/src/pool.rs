//! A small pool of read-only connections, each query on a blocking thread with a time limit.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::StatusCode;
use dyad_store::{Store, StoreError};
use tokio::sync::Semaphore;

use crate::ApiError;

pub(crate) struct Pool {
    path: PathBuf,
    idle: Arc<Mutex<Vec<Store>>>,
    permits: Arc<Semaphore>,
    timeout: Duration,
}

impl Pool {
    /// Opens one connection now, so that a missing or foreign database fails at start, not at the first request.
    pub(crate) fn new(path: &Path, size: usize, timeout: Duration) -> Result<Pool, StoreError> {
        let first = Store::open_read_only(path)?;
        Ok(Pool {
            path: path.to_path_buf(),
            idle: Arc::new(Mutex::new(vec![first])),
            permits: Arc::new(Semaphore::new(size)),
            timeout,
        })
    }

    /// Runs `f` on a pooled connection on a blocking thread. A query still running after the time limit is
    /// interrupted and answered with 503.
    pub(crate) async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        // Waiting for a connection counts against the time limit too: an overloaded server answers 503 at once
        // rather than queueing requests without bound.
        let permit = match tokio::time::timeout(self.timeout, self.permits.clone().acquire_owned()).await {
            Ok(Ok(permit)) => permit,
            Ok(Err(_)) => return Err(busy()),
            Err(_) => return Err(ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "the server is busy: try again")),
        };
        let pooled = self.idle.lock().map_err(|_| busy())?.pop();
        let store = match pooled {
            Some(store) => store,
            None => Store::open_read_only(&self.path)?,
        };
        let interrupt = store.interrupt_handle();
        let idle = self.idle.clone();
        let task = tokio::task::spawn_blocking(move || {
            let out = f(&store);
            if let Ok(mut idle) = idle.lock() {
                idle.push(store);
            }
            drop(permit);
            out
        });
        match tokio::time::timeout(self.timeout, task).await {
            Ok(Ok(out)) => out,
            Ok(Err(_)) => Err(ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "the query failed")),
            Err(_) => {
                interrupt.interrupt();
                Err(ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    format!("the query took longer than {} s: narrow it", self.timeout.as_secs_f64()),
                ))
            }
        }
    }
}

fn busy() -> ApiError {
    ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "the server is shutting down")
}
