// Types of build-cli.mjs for the TypeScript that imports it (the test set-up and the start-up benchmark).
export declare const CLI_DIST: string
export declare const CLI_ENTRY: string
/** Why dist/server cannot be run as it is, or undefined when it is current. */
export declare function staleReason(): string | undefined
/** Compiles server/ into dist/server; resolves with the number of source files compiled. */
export declare function buildCli(): Promise<number>
