// Scaffold: the feature's implementation replaces this file.
import type { FeatureRegistration } from './context';

export const registerCompletion: FeatureRegistration = () => ({});
