import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { requiredContext } from './required-context';

const [GreetingContext, useGreeting] = requiredContext<string>('useGreeting', 'GreetingProvider');
const [, useAuthor] = requiredContext<string>('useAuthor', 'AuthorProvider');
const Greeting = () => <p>{useGreeting()}</p>;
const Author = () => <p>{useAuthor()}</p>;

describe('requiredContext', () => {
  it('gives what the provider above holds', () => {
    render(
      <GreetingContext value="hello">
        <Greeting />
      </GreetingContext>,
    );
    expect(screen.getByText('hello')).toBeVisible();
  });

  it('without its provider, says which provider is missing, with the right article', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => render(<Greeting />)).toThrow('useGreeting() needs a <GreetingProvider> above it');
    expect(() => render(<Author />)).toThrow('useAuthor() needs an <AuthorProvider> above it');
  });
});
