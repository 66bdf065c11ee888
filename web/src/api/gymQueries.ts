import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getGymSettings, getUsage, removeLogo, updateGymSettings, uploadLogo, type GymSettings, type GymSettingsPatch } from './gym';
import { keys } from './queries';

/** Query keys of the gym's administration; the settings share the key the shell's code knows. */
export const gymKeys = {
  settings: keys.adminSettings,
  usage: (days: number) => ['admin', 'usage', days] as const,
};

export const useGymSettings = () => useQuery({ queryKey: gymKeys.settings, queryFn: getGymSettings });

/**
 * Saves settings (a patch, a new logo or none): the answer is the settings as stored, and what
 * everyone sees of the gym (`/instance`: name, logo, registration) is read again.
 */
function useSettingsMutation<V>(fn: (v: V) => Promise<GymSettings>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (result) => {
      client.setQueryData(gymKeys.settings, result);
      void client.invalidateQueries({ queryKey: keys.instance });
    },
  });
}

export const useUpdateGymSettings = () => useSettingsMutation((patch: GymSettingsPatch) => updateGymSettings(patch));
export const useUploadLogo = () => useSettingsMutation((file: Blob) => uploadLogo(file));
export const useRemoveLogo = () => useSettingsMutation((_: void) => removeLogo());

export const useUsage = (days: number) =>
  useQuery({ queryKey: gymKeys.usage(days), queryFn: () => getUsage(days), placeholderData: keepPreviousData });
