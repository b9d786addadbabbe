//! Work over many items on several threads, for the build: analyzing and deflating a corpus
//! keeps every core busy, and writing thousands of files overlaps their waits for the disk.
//! Where threads are unavailable (Wasm), the work runs on the calling thread.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// As many threads as the machine offers: for work bound by the processor.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `work` over every item, on at most `threads` threads, the results in the items' order.
/// Threads take the next item as they come free, so items of uneven cost spread evenly.
pub fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let threads = threads.min(items.len());
    if threads < 2 || cfg!(target_arch = "wasm32") {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let result = work(item);
                results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(result);
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|result| result.expect("every item is worked on once the threads are done"))
        .collect()
}

/// `first` on a thread of its own while `second` runs on the calling thread, when the machine
/// has another core; one after the other otherwise. For two steps that share nothing, one of
/// them on one core only.
pub fn side_by_side<A: Send, B>(
    first: impl FnOnce() -> A + Send,
    second: impl FnOnce() -> B,
) -> (A, B) {
    if cores() < 2 || cfg!(target_arch = "wasm32") {
        let a = first();
        return (a, second());
    }
    std::thread::scope(|scope| {
        let a = scope.spawn(first);
        let b = second();
        let a = a
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (a, b)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_the_items_order_whatever_the_threads() {
        let items: Vec<u64> = (0..1000).collect();
        let expected: Vec<u64> = items.iter().map(|n| n * n).collect();
        for threads in [0, 1, 2, 7, 2000] {
            assert_eq!(
                in_parallel(&items, threads, |n| n * n),
                expected,
                "{threads}"
            );
        }
        assert!(in_parallel(&[] as &[u8], 4, |_| 0).is_empty());
    }

    #[test]
    fn both_steps_give_their_results() {
        let words = ["a", "bb", "ccc"];
        let (lengths, joined) = side_by_side(
            || words.iter().map(|w| w.len()).collect::<Vec<_>>(),
            || words.concat(),
        );
        assert_eq!((lengths, joined.as_str()), (vec![1, 2, 3], "abbccc"));
    }
}
