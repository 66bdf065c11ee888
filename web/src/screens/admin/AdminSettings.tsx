import { useGymSettings } from '../../api/gymQueries';
import { LoadError } from '../../components/Alert';
import { Loading } from '../../components/Spinner';
import { GymDetailsForm } from './GymDetailsForm';
import { LogoCard } from './LogoCard';
import { PlatesForm } from './PlatesForm';
import { RegistrationCard } from './RegistrationCard';
import '../../i18n/admin';
import './gym.css';

/** The gym itself: name and logo, who may register, what new members start with, and its plates. */
export default function AdminSettings() {
  const settings = useGymSettings();
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  return (
    <div className="stack gym-settings">
      <GymDetailsForm settings={settings.data} />
      <LogoCard settings={settings.data} />
      <RegistrationCard settings={settings.data} />
      <PlatesForm settings={settings.data} />
    </div>
  );
}
