import { useRuntimeStore } from '../state/runtime-store';

/** A clear banner while the shipped model is an untrained placeholder. */
export function ModelWarning() {
  const model = useRuntimeStore((s) => s.model);
  if (!model || model.trained) return null;
  return (
    <div className="banner banner-warning" role="alert" data-testid="model-warning">
      <strong>Untrained placeholder model — results are random colours.</strong>
      {model.description ? <span> {model.description}.</span> : null}
    </div>
  );
}
