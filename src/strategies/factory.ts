/**
 * From a strategy model to its Strategy (one fresh instance per rollout: strategies keep the
 * rollout's state), and to its description for the report. An unknown kind is an error,
 * never a silent default.
 */
import type { StrategyModel } from '../scenario/model.js';
import { BlueGreenStrategy, describeBlueGreen } from './blue-green.js';
import { CanaryStrategy, describeCanary } from './canary.js';
import { describeFeatureFlag, FeatureFlagStrategy } from './feature-flag.js';
import { describeRecreate, RecreateStrategy } from './recreate.js';
import { describeRollingUpdate, RollingUpdateStrategy } from './rolling-update.js';
import { describeShadow, ShadowStrategy } from './shadow.js';
import type { Strategy, StrategyDescription } from './strategy.js';

function unknownKind(model: never): never {
  const kind = (model as { kind?: unknown }).kind;
  throw new Error(
    `unknown strategy kind ${JSON.stringify(kind)}: expected recreate, rollingUpdate, blueGreen, canary, shadow or featureFlag`,
  );
}

export function createStrategy(model: StrategyModel, replicas: number): Strategy {
  switch (model.kind) {
    case 'recreate':
      return new RecreateStrategy();
    case 'rollingUpdate':
      return new RollingUpdateStrategy(model, replicas);
    case 'blueGreen':
      return new BlueGreenStrategy(model, replicas);
    case 'canary':
      return new CanaryStrategy(model, replicas);
    case 'shadow':
      return new ShadowStrategy(model);
    case 'featureFlag':
      return new FeatureFlagStrategy(model);
    default:
      return unknownKind(model);
  }
}

/**
 * Which detectors a strategy has and what its way back is, for the report and the journal
 * header: its own analysis (if any), then the standing alert rules.
 */
export function describeStrategy(model: StrategyModel): StrategyDescription {
  const alerts = model.alerts.map((a) => `alert: ${a.name}${a.forMs > 0 ? ` (for ${a.forMs / 1000}s)` : ''}`);
  let own: Pick<StrategyDescription, 'wayBack'> & Partial<StrategyDescription>;
  switch (model.kind) {
    case 'recreate':
      own = describeRecreate(model);
      break;
    case 'rollingUpdate':
      own = describeRollingUpdate(model);
      break;
    case 'blueGreen':
      own = describeBlueGreen(model);
      break;
    case 'canary':
      own = describeCanary(model);
      break;
    case 'shadow':
      own = describeShadow(model);
      break;
    case 'featureFlag':
      own = describeFeatureFlag(model);
      break;
    default:
      return unknownKind(model);
  }
  const detectors = [...(own.detectors ?? []), ...alerts];
  return { detectors: detectors.length > 0 ? detectors : ['none'], wayBack: own.wayBack };
}
