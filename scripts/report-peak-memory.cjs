// Preloaded (`node --require`) by the batch benchmark: reports the process's peak RSS on exit.
process.on('exit', () => {
  process.stderr.write(`peak-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
