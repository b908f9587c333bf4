/** The marker of the line bench/lib/cpu-at-exit.mjs prints at exit. */
export declare const CPU_LINE: string;
