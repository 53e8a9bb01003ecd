use std::alloc::{GlobalAlloc, Layout};

use clap::Parser;
use libmimalloc_sys as mi;

/// mimalloc: page rendering allocates and frees many small strings and JSON values on two
/// threads at once; glibc's allocator spent about a fifth of a national build in malloc/free.
///
/// Called directly rather than through the `mimalloc` crate, which hands every allocation to
/// `mi_malloc_aligned`: its extra checks were 2% of a national build's instructions. mimalloc's
/// blocks are multiples of 8 bytes from 8-byte-aligned pages, so plain `mi_malloc` serves every
/// alignment up to 8 (strings, vectors, maps); anything stricter still goes the aligned way.
struct Allocator;

/// The alignment every `mi_malloc` block has.
const PLAIN_ALIGN: usize = 8;

// SAFETY: each method forwards to the mimalloc function for the same job, with the layout's
// size and, where the alignment is above what `mi_malloc` guarantees, its alignment.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: see the impl.
        unsafe {
            if layout.align() <= PLAIN_ALIGN {
                mi::mi_malloc(layout.size()).cast()
            } else {
                mi::mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: see the impl.
        unsafe {
            if layout.align() <= PLAIN_ALIGN {
                mi::mi_zalloc(layout.size()).cast()
            } else {
                mi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: see the impl.
        unsafe { mi::mi_free(ptr.cast()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: see the impl.
        unsafe {
            if layout.align() <= PLAIN_ALIGN {
                mi::mi_realloc(ptr.cast(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
            }
        }
    }
}

#[global_allocator]
static GLOBAL: Allocator = Allocator;

fn main() -> std::process::ExitCode {
    gongkai::cli::run(gongkai::cli::Cli::parse())
}
