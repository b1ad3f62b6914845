export declare const OFFLINE_CHROMIUM_ARGS: string[];
export declare function findChromium(options?: { headless?: boolean }): string | undefined;
export declare function ensureChromium(): string;
export declare function chromiumLaunchOptions(options?: { headless?: boolean }): { executablePath: string | undefined; args: string[] };
