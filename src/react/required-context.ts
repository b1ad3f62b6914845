import { createContext, useContext, type Context } from 'react';

/**
 * A context that has no default: reading it outside its provider is a mistake in the tree, said at
 * once by name ("useStore() needs a <StorageProvider> above it") instead of an undefined later.
 */
export function requiredContext<T>(hook: string, provider: string): [Context<T | null>, () => T] {
  const context = createContext<T | null>(null);
  const use = () => {
    const value = useContext(context);
    if (value === null) throw new Error(`${hook}() needs ${/^[AEIOU]/.test(provider) ? 'an' : 'a'} <${provider}> above it`);
    return value;
  };
  return [context, use];
}
