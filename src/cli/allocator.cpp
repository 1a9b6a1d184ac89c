// jemalloc's settings for the lyncplan program, read by jemalloc when the process starts.
//
// A 100,000-tenant hosting plan touches about 300 MB of fresh memory. In 4 KiB pages that is
// some 120,000 page faults, which on a virtual machine cost more than the planning itself
// (3.1 s for `plan --format json` on the 2-core test machine, 1.2 s of it in the kernel). With
// the arenas on transparent huge pages the same run takes 2,200 faults and 1.1 s. `thp:always`
// only asks (madvise); where the system has huge pages switched off, nothing changes.
extern "C" {
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables): jemalloc's own interface.
extern const char* malloc_conf;
const char* malloc_conf = "thp:always,metadata_thp:auto,background_thread:false";
}
