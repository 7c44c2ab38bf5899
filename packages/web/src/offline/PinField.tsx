import { Field } from '../ui/Field';
import { MAX_PIN } from './tries';

interface Props {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
}

/**
 * A PIN as every PIN screen asks for it: hidden, never offered by autofill,
 * and as text rather than digits only, since a PIN may be a passphrase.
 */
export function PinField(props: Props) {
  return <Field type="password" autocomplete="off" maxLength={MAX_PIN} {...props} />;
}
