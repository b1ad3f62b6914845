export declare function hashInputs(root: string, inputs: string[], extra?: string): string;
export declare function buildApp(root: string, options?: { mocks?: boolean; outDir?: string }): boolean;
