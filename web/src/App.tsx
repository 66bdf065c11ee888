import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, useState } from 'react';
import { createBrowserRouter, Navigate, Route, RouterProvider, Routes } from 'react-router';
import { AppShell, MaybeSignedInShell } from './components/AppShell';
import { AuthLayout } from './components/AuthLayout';
import { InstanceGate } from './components/InstanceGate';
import { RequireAdmin, RequireSignIn } from './components/RequireSignIn';
import { useMe } from './api/queries';
import { makeQueryClient } from './lib/queryClient';
import { withOfflineBoot } from './lib/offlineBoot';
import { LoginScreen } from './screens/auth/LoginScreen';
import { RegisterScreen } from './screens/auth/RegisterScreen';
import { SetupScreen } from './screens/auth/SetupScreen';
import { HomeScreen } from './screens/HomeScreen';
import { NotFoundScreen } from './screens/NotFoundScreen';

// Screens not needed on first load are split into their own chunks.
const ProfileScreen = lazy(() => import('./screens/ProfileScreen'));
const PublicProfileScreen = lazy(() => import('./screens/PublicProfileScreen'));
const SettingsLayout = lazy(() => import('./screens/settings/SettingsLayout'));
const PreferencesSettings = lazy(() => import('./screens/settings/PreferencesSettings'));
const PrivacySettings = lazy(() => import('./screens/settings/PrivacySettings'));
const BlockedSettings = lazy(() => import('./screens/settings/BlockedSettings'));
const PasswordSettings = lazy(() => import('./screens/settings/PasswordSettings'));
const SessionsSettings = lazy(() => import('./screens/settings/SessionsSettings'));
const TokensSettings = lazy(() => import('./screens/settings/TokensSettings'));
const TwoFactorSettings = lazy(() => import('./screens/settings/TwoFactorSettings'));
const ImportSettings = lazy(() => import('./screens/settings/import/ImportSettings'));
const AdminLayout = lazy(() => import('./screens/admin/AdminLayout'));
const AdminUsers = lazy(() => import('./screens/admin/AdminUsers'));
const AdminInvites = lazy(() => import('./screens/admin/AdminInvites'));
const AdminSettings = lazy(() => import('./screens/admin/AdminSettings'));
const AdminFeedback = lazy(() => import('./screens/admin/AdminFeedback'));
const AdminUsage = lazy(() => import('./screens/admin/AdminUsage'));
const FeedbackScreen = lazy(() => import('./screens/feedback/FeedbackScreen'));
const ResetPasswordScreen = lazy(() => import('./screens/auth/ResetPasswordScreen'));
const AdminCoaching = lazy(() => import('./screens/admin/AdminCoaching'));
const CoachingScreen = lazy(() => import('./screens/coaching/CoachingScreen'));
const MembersScreen = lazy(() => import('./screens/coaching/MembersScreen'));
const HistoryScreen = lazy(() => import('./screens/workouts/HistoryScreen'));
const CalendarScreen = lazy(() => import('./screens/workouts/CalendarScreen'));
const NewWorkoutScreen = lazy(() => import('./screens/workouts/NewWorkoutScreen'));
const WorkoutScreen = lazy(() => import('./screens/workouts/WorkoutScreen'));
const PublicWorkoutScreen = lazy(() => import('./screens/workouts/PublicWorkoutScreen'));
const PlansScreen = lazy(() => import('./screens/plans/PlansScreen'));
const PlanDetailScreen = lazy(() => import('./screens/plans/PlanDetailScreen'));
const PlanBuilderScreen = lazy(() => import('./screens/plans/PlanBuilderScreen'));
const ExercisesScreen = lazy(() => import('./screens/exercises/ExercisesScreen'));
const ExerciseDetailScreen = lazy(() => import('./screens/exercises/ExerciseDetailScreen'));
const ExerciseEditorScreen = lazy(() => import('./screens/exercises/ExerciseEditorScreen'));
const BodyScreen = lazy(() => import('./screens/body/BodyScreen'));
const ProgressScreen = lazy(() => import('./screens/progress/ProgressScreen'));
const RecordsScreen = lazy(() => import('./screens/progress/RecordsScreen'));
const SearchScreen = lazy(() => import('./screens/search/SearchScreen'));
const FeedScreen = lazy(() => import('./screens/feed/FeedScreen'));
const NotificationsScreen = lazy(() => import('./screens/notifications/NotificationsScreen'));
const PeopleScreen = lazy(() => import('./screens/people/PeopleScreen'));
const ClubsScreen = lazy(() => import('./screens/clubs/ClubsScreen'));
const ClubScreen = lazy(() => import('./screens/clubs/ClubScreen'));
const LeaderboardsScreen = lazy(() => import('./screens/leaderboards/LeaderboardsScreen'));
const ChallengesScreen = lazy(() => import('./screens/challenges/ChallengesScreen'));
const ChallengeScreen = lazy(() => import('./screens/challenges/ChallengeScreen'));
const AdminReports = lazy(() => import('./screens/admin/AdminReports'));
const AdminAudit = lazy(() => import('./screens/admin/AdminAudit'));

/** The logger for one's own workouts; a read-only page for a signed-out visitor. */
function WorkoutRoute() {
  const { data } = useMe();
  return data ? <WorkoutScreen /> : <PublicWorkoutScreen />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<InstanceGate />}>
        <Route element={<AuthLayout />}>
          <Route path="setup" element={<SetupScreen />} />
          <Route path="login" element={<LoginScreen />} />
          <Route path="register" element={<RegisterScreen />} />
          <Route path="reset-password" element={<ResetPasswordScreen />} />
        </Route>
        {/* Pages with a shareable link: public content shows to signed-out visitors too. */}
        <Route element={<MaybeSignedInShell />}>
          <Route path="u/:username" element={<PublicProfileScreen />} />
          <Route path="plans/:id" element={<PlanDetailScreen />} />
          <Route path="workouts/:id" element={<WorkoutRoute />} />
        </Route>
        <Route element={<RequireSignIn />}>
          <Route element={<AppShell />}>
            <Route index element={<HomeScreen />} />
            <Route path="feed" element={<FeedScreen />} />
            <Route path="notifications" element={<NotificationsScreen />} />
            <Route path="u/:username/followers" element={<PeopleScreen list="followers" />} />
            <Route path="u/:username/following" element={<PeopleScreen list="following" />} />
            <Route path="clubs" element={<ClubsScreen />} />
            <Route path="clubs/:id" element={<ClubScreen />} />
            <Route path="leaderboards" element={<LeaderboardsScreen />} />
            <Route path="challenges" element={<ChallengesScreen />} />
            <Route path="challenges/:id" element={<ChallengeScreen />} />
            <Route path="profile" element={<ProfileScreen />} />
            <Route path="workouts" element={<HistoryScreen />} />
            <Route path="workouts/calendar" element={<CalendarScreen />} />
            <Route path="workouts/new" element={<NewWorkoutScreen />} />
            <Route path="plans" element={<PlansScreen />} />
            <Route path="plans/new" element={<PlanBuilderScreen />} />
            <Route path="plans/:id/edit" element={<PlanBuilderScreen />} />
            <Route path="exercises" element={<ExercisesScreen />} />
            <Route path="exercises/new" element={<ExerciseEditorScreen />} />
            <Route path="exercises/:id" element={<ExerciseDetailScreen />} />
            <Route path="exercises/:id/edit" element={<ExerciseEditorScreen />} />
            <Route path="body" element={<BodyScreen />} />
            <Route path="progress" element={<ProgressScreen />} />
            <Route path="progress/records" element={<RecordsScreen />} />
            <Route path="search" element={<SearchScreen />} />
            <Route path="coaching" element={<CoachingScreen />} />
            <Route path="members" element={<MembersScreen />} />
            <Route path="feedback" element={<FeedbackScreen />} />
            <Route path="settings" element={<SettingsLayout />}>
              <Route path="preferences" element={<PreferencesSettings />} />
              <Route path="privacy" element={<PrivacySettings />} />
              <Route path="blocked" element={<BlockedSettings />} />
              <Route path="password" element={<PasswordSettings />} />
              <Route path="sessions" element={<SessionsSettings />} />
              <Route path="tokens" element={<TokensSettings />} />
              <Route path="security" element={<TwoFactorSettings />} />
              <Route path="import" element={<ImportSettings />} />
            </Route>
            <Route element={<RequireAdmin />}>
              <Route path="admin" element={<AdminLayout />}>
                <Route index element={<Navigate to="users" replace />} />
                <Route path="users" element={<AdminUsers />} />
                <Route path="invites" element={<AdminInvites />} />
                <Route path="coaching" element={<AdminCoaching />} />
                <Route path="settings" element={<AdminSettings />} />
                <Route path="registration" element={<Navigate to="/admin/settings" replace />} />
                <Route path="reports" element={<AdminReports />} />
                <Route path="feedback" element={<AdminFeedback />} />
                <Route path="usage" element={<AdminUsage />} />
                <Route path="audit" element={<AdminAudit />} />
              </Route>
            </Route>
            <Route path="*" element={<NotFoundScreen />} />
          </Route>
        </Route>
      </Route>
    </Routes>
  );
}

/**
 * The routes above, under one catch-all route of a data router: screens keep their declarative
 * <Routes>, and data-router features such as `useBlocker` (the plan builder's "discard unsaved
 * changes?") work.
 */
export function App() {
  const [client] = useState(() => withOfflineBoot(makeQueryClient()));
  const [router] = useState(() => createBrowserRouter([{ path: '*', element: <AppRoutes /> }]));
  return (
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
