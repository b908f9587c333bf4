/** The URL of the CLI bundle's entry for the current sources (built when missing), or undefined. */
export declare function cliBundle(): Promise<URL | undefined>;
