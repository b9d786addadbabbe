//! The engine's allocator in WebAssembly: dlmalloc, as the standard library's, but asking for
//! memory in steps that grow with what the engine already holds.
//!
//! The standard library's allocator grows the module's memory by what one allocation lacks,
//! rounded up to a 64 KiB page. Decoding a manifest makes hundreds of thousands of small
//! allocations (each document's id, source and date), so memory grew a page or two at a time,
//! thousands of times. Where each growth is costly, as in Node (a fifth of a millisecond a
//! growth), that dwarfed the allocations it served: opening the manifest of 458,902 documents
//! took 550-730 ms in a fresh engine, and 95-110 ms once its memory had grown. Here a growth
//! asks for at least a quarter of the memory held (and 1 MiB), so memory grows a few dozen
//! times from nothing to a gigabyte, and that first opening takes 185-200 ms. Pages grown and
//! not yet used cost address space, not memory; at most a fifth of the memory is such pages.
//!
//! The module is built without threads (no `atomics` target feature), so one allocator serves
//! one thread and needs no lock.
#![allow(unsafe_code)]

use core::arch::wasm32;
use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::ptr;

use dlmalloc::{Allocator, Dlmalloc};

/// A WebAssembly page, the unit memory grows by.
const PAGE_BYTES: usize = 64 * 1024;

/// The least a growth asks for, in pages: 1 MiB.
const LEAST_GROWTH_PAGES: usize = 16;

/// The share of the memory held that a growth asks for at least: a quarter.
const GROWTH_DIVISOR: usize = 4;

/// How many pages to grow by when `needed` are lacking and `held` are held: at least a
/// quarter of what is held, and [`LEAST_GROWTH_PAGES`].
fn growth(needed: usize, held: usize) -> usize {
    needed.max(held / GROWTH_DIVISOR).max(LEAST_GROWTH_PAGES)
}

/// Where dlmalloc gets its memory: the module's memory, grown at its end.
struct GrowingMemory;

// SAFETY: regions are handed out once each, from memory the module owns and never gives back;
// dlmalloc is told they are zeroed, which fresh WebAssembly pages are.
unsafe impl Allocator for GrowingMemory {
    fn alloc(&self, size: usize) -> (*mut u8, usize, u32) {
        let needed = size.div_ceil(PAGE_BYTES);
        let step = growth(needed, wasm32::memory_size::<0>());
        // Near the memory's limit the larger step may fail where the smaller one succeeds.
        for pages in [step, needed] {
            let previous = wasm32::memory_grow::<0>(pages);
            if previous != usize::MAX {
                return ((previous * PAGE_BYTES) as *mut u8, pages * PAGE_BYTES, 0);
            }
        }
        (ptr::null_mut(), 0, 0)
    }

    fn remap(&self, _ptr: *mut u8, _old: usize, _new: usize, _can_move: bool) -> *mut u8 {
        ptr::null_mut()
    }

    fn free_part(&self, _ptr: *mut u8, _old: usize, _new: usize) -> bool {
        false
    }

    fn free(&self, _ptr: *mut u8, _size: usize) -> bool {
        false
    }

    fn can_release_part(&self, _flags: u32) -> bool {
        false
    }

    fn allocates_zeros(&self) -> bool {
        true
    }

    fn page_size(&self) -> usize {
        PAGE_BYTES
    }
}

/// The global allocator: one dlmalloc over [`GrowingMemory`].
struct EngineAllocator(UnsafeCell<Dlmalloc<GrowingMemory>>);

// SAFETY: without the `atomics` feature a WebAssembly module runs on one thread, so the
// allocator is never reached from two at once (the standard library's relies on the same).
unsafe impl Sync for EngineAllocator {}

#[global_allocator]
static ALLOCATOR: EngineAllocator =
    EngineAllocator(UnsafeCell::new(Dlmalloc::new_with_allocator(GrowingMemory)));

// SAFETY: each call passes dlmalloc the layout the caller's contract guarantees, as the
// standard library's allocator does.
unsafe impl GlobalAlloc for EngineAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        (*self.0.get()).malloc(layout.size(), layout.align())
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        (*self.0.get()).calloc(layout.size(), layout.align())
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        (*self.0.get()).free(ptr, layout.size(), layout.align())
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        (*self.0.get()).realloc(ptr, layout.size(), layout.align(), new_size)
    }
}
