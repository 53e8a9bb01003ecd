use std::alloc::{GlobalAlloc, Layout};

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

/// mimalloc's `purge_delay` option: how long freed memory stays with the process before it is
/// returned to the system (`mi_option_purge_delay` in mimalloc.h, the same place in v2 and v3).
const PURGE_DELAY: mi::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    let cli = gongkai::cli::parse();
    if matches!(cli.command, gongkai::cli::Command::Build { watch: false, .. }) {
        // A one-shot build keeps the memory it frees for its next pages: mimalloc returned it
        // to the system and took it back, and the system zeroed every page again (2–3% of a
        // national build's CPU time in `perf`; peak memory at 100% did not grow).
        // A long-running `serve` or `--watch` keeps the default, giving memory back when idle.
        // SAFETY: setting an option is safe at any time; mimalloc reads it when it next purges.
        unsafe { mi::mi_option_set(PURGE_DELAY, -1) };
    }
    gongkai::cli::run(cli)
}
