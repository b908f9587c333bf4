// The marker of the line bench/lib/cpu-at-exit.mjs prints, shared with the script that reads it.
export const CPU_LINE = 'execsim-bench-cpu ';
