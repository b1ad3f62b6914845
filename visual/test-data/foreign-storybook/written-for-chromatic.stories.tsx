import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState, type ReactNode } from 'react';

// Stories written for Chromatic and Percy: the runner must honour the parameters they carry.
function Card({ children }: { children: ReactNode }) {
  return <div style={{ border: '1px solid #999', borderRadius: 8, padding: 16, width: 260 }}>{children}</div>;
}

const meta = { title: 'Foreign/Written for Chromatic', component: Card, args: { children: 'A card' } } satisfies Meta<typeof Card>;
export default meta;
type Story = StoryObj<typeof meta>;

export const SkippedByChromatic: Story = { parameters: { chromatic: { disableSnapshot: true } } };

export const SkippedByPercy: Story = { parameters: { percy: { skip: true } } };

/** A clock and a random id in regions marked to be ignored: nothing else may differ between runs. */
export const IgnoredRegions: Story = {
  render: () => (
    <Card>
      <p>
        Updated <span className="chromatic-ignore">{new Date().toISOString()}</span>
      </p>
      <p data-chromatic="ignore">Request {Math.random().toString(36).slice(2)}</p>
      <p className="volatile">{String(performance.now())}</p>
    </Card>
  ),
  parameters: { chromatic: { ignoreSelectors: ['.volatile'] } },
};

/** An SVG spinner animated by SMIL, which no CSS rule stops. */
export const SmilSpinner: Story = {
  render: () => (
    <svg width="80" height="80" viewBox="0 0 80 80" aria-label="Loading">
      <circle cx="40" cy="40" r="20" fill="none" stroke="#07c" strokeWidth="6">
        <animate attributeName="r" values="10;30;10" dur="0.7s" repeatCount="indefinite" />
      </circle>
    </svg>
  ),
};

/** Fades to green with its last keyframe kept: Chromatic shows it at its end when asked to. */
export const AnimatesIn: Story = {
  render: () => (
    <>
      <style>{'@keyframes turn-green { from { background: rgb(200, 0, 0); } to { background: rgb(0, 128, 0); } }'}</style>
      <div data-testid="swatch" style={{ width: 60, height: 60, background: 'rgb(200, 0, 0)', animation: 'turn-green 400ms forwards' }} />
    </>
  ),
  parameters: { chromatic: { pauseAnimationAtEnd: true } },
};

/** Its text settles a moment after rendering, without a request: the story asks for a delay. */
export const Delayed: Story = {
  render: function Delayed() {
    const [ready, setReady] = useState(false);
    useEffect(() => {
      const timer = setTimeout(() => setReady(true), 150);
      return () => clearTimeout(timer);
    }, []);
    return <Card>{ready ? 'Ready' : 'Starting'}</Card>;
  },
  parameters: { chromatic: { delay: 600 } },
};

/** Chromatic modes: globals by name and a viewport by width. */
export const WithModes: Story = {
  parameters: { chromatic: { modes: { 'night wide': { appearance: 'Night Sky', viewport: 1000 }, hidden: { disable: true } } } },
};

/** Percy's snapshot CSS hides what its authors never want compared. */
export const PercyCss: Story = {
  render: () => (
    <Card>
      Shown<span className="hide-in-percy"> and hidden</span>
    </Card>
  ),
  parameters: { percy: { percyCSS: '.hide-in-percy { display: none; }' } },
};

/** Class names as styled-components generates them: a component id and a hash of its CSS. */
export const StyledComponent: Story = {
  render: () => (
    <div className="sc-kTbCBX eJwSfb" data-testid="styled-card">
      <style>{'.eJwSfb { color: rgb(20, 60, 160); } .eJwSfb:hover { color: rgb(200, 0, 0); }'}</style>
      Styled
    </div>
  ),
};

/**
 * Two styled components whose hashes have no capital letter, in a style tag marked as
 * styled-components marks its own: nothing but that tag tells these names from written ones.
 */
export const StyledComponentsLowercaseHashes: Story = {
  render: () => (
    <div>
      <style data-styled="active">{'.elyrwi { color: rgb(20, 60, 160); } .bqwmzk { color: rgb(0, 120, 0); }'}</style>
      <div className="sc-kTbCBX elyrwi">One</div>
      <div className="sc-kTbCBX bqwmzk">Two</div>
    </div>
  ),
};

/** A bad parameter is named and ignored; the story is still captured. */
export const BadParameter: Story = { parameters: { chromatic: { delay: 'soon' } } };

/** A log with its own scrollbar (200 px high, 40 lines of 24 px), scrolled part-way as a reader left it. */
function ScrollingLog() {
  return (
    <div
      className="log"
      style={{ height: 200, width: 260, overflowY: 'auto', border: '1px solid #999' }}
      ref={(element) => {
        if (element) element.scrollTop = 150;
      }}
    >
      {Array.from({ length: 40 }, (_, index) => (
        <div key={index} style={{ height: 24 }}>
          Line {index + 1}
        </div>
      ))}
    </div>
  );
}
export const ScrollingLogAsShown: Story = { render: () => <ScrollingLog /> };
export const ScrollingLogWhole: Story = { render: () => <ScrollingLog />, parameters: { visual: { fullScroll: '.log' } } };

/** An icon button with no name (axe: button-name), as a Storybook with accessibility debt has. */
const UnnamedButton = () => (
  <button type="button" style={{ width: 40, height: 40 }}>
    <svg width="16" height="16" aria-hidden="true">
      <circle cx="8" cy="8" r="6" />
    </svg>
  </button>
);
export const AccessibilityDebt: Story = { render: () => <UnnamedButton /> };
export const AccessibilityCheckOff: Story = { render: () => <UnnamedButton />, parameters: { a11y: { test: 'off' } } };
