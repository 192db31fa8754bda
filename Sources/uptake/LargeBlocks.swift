import CMalloc

/// Where glibc's malloc takes large blocks from (docs/DECISIONS.md, "Large blocks are mapped on their own").
enum LargeBlocks {
    /// At start: blocks of 1 MiB and more (a file's bytes, the loader's row arrays) are mapped on their own, so freeing
    /// one gives its memory back at once. glibc would otherwise raise its threshold after the first such block is freed
    /// and take later ones from its heap, where freed space is kept: on a million rows ordered by period that held an
    /// older loader's peak at 2.0x the file. The dashboard keeps this, so data replaced on a reload is given back.
    static func mapEachOnItsOwn() {
        _ = uptake_set_mmap_threshold(1 << 20)
    }

    /// For a command that runs once and exits (`report`, `check`, and `import` once its input is read): blocks up to
    /// 32 MiB (glibc's own ceiling) come from the heap, and the heap's top is trimmed only past 64 MiB free, so what
    /// is freed is kept for the next blocks instead of each being mapped (or the heap grown), faulted in and given
    /// back. Called before a report's load, the report's summaries and rows reuse the memory the load freed (its
    /// per-thread tables, row stores and windows): on a million rows the CSV report took 23,600 page faults instead
    /// of 27,400 grouped by series and 27,500 instead of 42,000 ordered by period, at a peak 17-24 MB higher
    /// (docs/PERFORMANCE.md, session 29). Called only after the load, `--format json` on a million rows once spent
    /// 1.1 s in the kernel instead of 0.4 s with 1 MiB kept. The dashboard keeps ``mapEachOnItsOwn()``.
    static func reuseFreedMemory() {
        _ = uptake_set_mmap_threshold(32 << 20)
        _ = uptake_set_trim_threshold(64 << 20)
    }
}
