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

/// `work` over every item on `threads` threads, and `each` over the results on the calling
/// thread, in the items' order, as soon as each result and those before it are ready: the
/// threads go on with the items after while `each` runs, so that work `each` must do in
/// order on one thread overlaps the rest. An item is begun only when `ahead(first, item)`
/// allows it, `first` being the first item whose result `each` has not yet had (the item
/// `first` itself is always allowed): it bounds how much waits in memory. Stops at the first
/// error of `each`, which it returns, once the threads have finished the items they hold.
#[cfg(all(feature = "indexer", not(target_arch = "wasm32")))]
pub fn in_order<T: Sync, R: Send, E>(
    items: &[T],
    threads: usize,
    ahead: impl Fn(usize, usize) -> bool + Sync,
    work: impl Fn(&T) -> R + Sync,
    mut each: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E> {
    if threads < 1 {
        return items.iter().map(work).try_for_each(each);
    }
    /// What the threads and the caller share.
    struct Shared<R> {
        /// The next item to begin.
        next: usize,
        /// The first item whose result the caller has not had.
        first: usize,
        /// Results not yet handed over, by item.
        ready: std::collections::BTreeMap<usize, R>,
        /// Set when the caller stops early, or a thread has panicked.
        stopped: bool,
    }
    /// Stops the work when the thread that holds it unwinds, so that the caller does not
    /// wait for a result that will not come: the scope then passes the panic on.
    struct StopOnPanic<'a, R>(&'a Mutex<Shared<R>>, &'a std::sync::Condvar);
    impl<R> Drop for StopOnPanic<'_, R> {
        fn drop(&mut self) {
            if std::thread::panicking() {
                self.0.lock().unwrap_or_else(|e| e.into_inner()).stopped = true;
                self.1.notify_all();
            }
        }
    }
    let shared = Mutex::new(Shared {
        next: 0,
        first: 0,
        ready: std::collections::BTreeMap::new(),
        stopped: false,
    });
    let changed = std::sync::Condvar::new();
    let lock = || shared.lock().unwrap_or_else(|e| e.into_inner());
    std::thread::scope(|scope| {
        for _ in 0..threads.min(items.len()) {
            scope.spawn(|| {
                let _stop = StopOnPanic(&shared, &changed);
                loop {
                    let i = {
                        let mut state = lock();
                        loop {
                            if state.stopped || state.next >= items.len() {
                                return;
                            }
                            if state.next == state.first || ahead(state.first, state.next) {
                                break;
                            }
                            state = changed.wait(state).unwrap_or_else(|e| e.into_inner());
                        }
                        state.next += 1;
                        state.next - 1
                    };
                    let result = work(&items[i]);
                    lock().ready.insert(i, result);
                    changed.notify_all();
                }
            });
        }
        let mut outcome = Ok(());
        for i in 0..items.len() {
            let result = {
                let mut state = lock();
                loop {
                    if let Some(result) = state.ready.remove(&i) {
                        state.first = i + 1;
                        break Some(result);
                    }
                    if state.stopped {
                        break None;
                    }
                    state = changed.wait(state).unwrap_or_else(|e| e.into_inner());
                }
            };
            changed.notify_all();
            // A thread has panicked: the scope passes its panic on.
            let Some(result) = result else { break };
            if let Err(error) = each(result) {
                outcome = Err(error);
                break;
            }
        }
        lock().stopped = true;
        changed.notify_all();
        outcome
    })
}

/// Work going on in a thread of its own (see [`in_background`]), or done already where
/// threads are unavailable.
pub struct Background<R>(BackgroundState<R>);

enum BackgroundState<R> {
    Running(std::thread::JoinHandle<R>),
    Done(R),
}

impl<R> Background<R> {
    /// Waits for the work to end, and gives its result; passes a panic of the work on.
    pub fn wait(self) -> R {
        match self.0 {
            BackgroundState::Running(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            BackgroundState::Done(result) => result,
        }
    }
}

/// `work` on a thread of its own while the caller goes on, when the machine has another core;
/// at once otherwise (and in Wasm).
pub fn in_background<R: Send + 'static>(
    work: impl FnOnce() -> R + Send + 'static,
) -> Background<R> {
    if cores() < 2 || cfg!(target_arch = "wasm32") {
        return Background(BackgroundState::Done(work()));
    }
    Background(BackgroundState::Running(std::thread::spawn(work)))
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
    #[cfg(feature = "indexer")]
    fn results_are_handed_over_in_order_and_no_further_ahead_than_allowed() {
        let items: Vec<u64> = (0..500).collect();
        for threads in [0, 1, 2, 5] {
            let begun = AtomicUsize::new(0);
            let mut seen = Vec::new();
            let outcome: Result<(), ()> = in_order(
                &items,
                threads,
                |first, item| item < first + 8,
                |&n| {
                    begun.fetch_add(1, Ordering::SeqCst);
                    n * n
                },
                |square| {
                    // Items begun: at most those up to eight past the one handed over now.
                    assert!(begun.load(Ordering::SeqCst) <= seen.len() + 1 + 8);
                    seen.push(square);
                    Ok(())
                },
            );
            assert_eq!(outcome, Ok(()));
            assert_eq!(
                seen,
                items.iter().map(|n| n * n).collect::<Vec<_>>(),
                "{threads}"
            );
        }
    }

    #[test]
    #[cfg(feature = "indexer")]
    fn the_first_error_stops_the_work() {
        let items: Vec<u64> = (0..10_000).collect();
        let begun = AtomicUsize::new(0);
        let mut handed = 0;
        let outcome = in_order(
            &items,
            2,
            |first, item| item < first + 4,
            |&n| {
                begun.fetch_add(1, Ordering::SeqCst);
                n
            },
            |n| {
                handed += 1;
                if n == 20 {
                    Err(format!("stopped at {n}"))
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(outcome, Err("stopped at 20".to_string()));
        assert_eq!(handed, 21);
        assert!(begun.load(Ordering::SeqCst) <= 21 + 4 + 2);
    }

    #[test]
    #[cfg(feature = "indexer")]
    fn a_panic_in_the_work_is_passed_on_rather_than_waited_for() {
        let items: Vec<u64> = (0..100).collect();
        let outcome = std::panic::catch_unwind(|| {
            in_order(
                &items,
                2,
                |_, _| true,
                |&n| {
                    assert_ne!(n, 30, "a bad item");
                    n
                },
                |_| Ok::<(), ()>(()),
            )
        });
        assert!(outcome.is_err());
    }

    #[test]
    fn work_in_the_background_gives_its_result() {
        let items: Vec<u64> = (0..1000).collect();
        let sum = in_background(move || items.iter().sum::<u64>());
        assert_eq!(sum.wait(), 499_500);
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
