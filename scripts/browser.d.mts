export declare const OFFLINE_CHROMIUM_ARGS: string[];
export declare function findChromium(): string | undefined;
export declare function ensureChromium(): string;
export declare function chromiumLaunchOptions(): { executablePath: string | undefined; args: string[] };
