// The source of meshlings_pch, the target that owns the precompiled header
// every other target reuses; it compiles nothing of its own.
