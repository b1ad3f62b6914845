import type { StorybookConfig } from '@storybook/react-vite';
import type { PluginOption } from 'vite';

/** The app build's plugin that keeps the mock worker out of production builds; Storybook always mocks. */
const APP_ONLY_PLUGINS = new Set(['agent-console:mocks-only-when-asked']);

function withoutAppOnlyPlugins(plugins: PluginOption[] | undefined): PluginOption[] {
  return (plugins ?? []).flat().filter((plugin) => !(plugin && typeof plugin === 'object' && 'name' in plugin && APP_ONLY_PLUGINS.has(plugin.name)));
}

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-vitest', '@storybook/addon-a11y', 'msw-storybook-addon'],
  staticDirs: ['../public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (viteConfig) => ({ ...viteConfig, plugins: withoutAppOnlyPlugins(viteConfig.plugins) }),
};

export default config;
