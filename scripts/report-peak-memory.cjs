// Preloaded (`node --require`) by the batch benchmark: reports the process's peak RSS and
// its CPU time (user and system, all threads, microseconds) on exit.
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`peak-rss-kb ${usage.maxRSS}\ncpu-us ${usage.userCPUTime} ${usage.systemCPUTime}\n`);
});
