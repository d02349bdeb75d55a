/** The path of the Node 24 binary; throws a clear error when it is not installed. */
export declare function node24Binary(): string;
