import type { components, paths } from './schema';

/** Wire types, derived from the generated OpenAPI paths so they follow the server's document. */
type Json<R> = R extends { content: infer C } ? C[keyof C] : never;
type Body<Op> = Op extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

export type Instance = Json<paths['/api/v1/instance']['get']['responses'][200]>;
export type Me = Json<paths['/api/v1/me']['get']['responses'][200]>;
export type MePatch = Body<paths['/api/v1/me']['patch']>;
export type Preferences = Me['preferences'];
export type Privacy = Me['privacy'];
export type Role = Me['role'];
export type UserStatus = Me['status'];
export type Session = Json<paths['/api/v1/me/sessions']['get']['responses'][200]>['items'][number];
export type ApiToken = Json<paths['/api/v1/me/tokens']['get']['responses'][200]>['items'][number];
export type CreatedToken = Json<paths['/api/v1/me/tokens']['post']['responses'][201]>;
export type PublicUser = Json<paths['/api/v1/users/{username}']['get']['responses'][200]>;
export type AdminUser = Json<paths['/api/v1/admin/users']['get']['responses'][200]>['items'][number];
export type Invite = Json<paths['/api/v1/admin/invites']['get']['responses'][200]>['items'][number];
export type InviteCreate = Body<paths['/api/v1/admin/invites']['post']>;
export type AdminSettings = Json<paths['/api/v1/admin/settings']['get']['responses'][200]>;
export type RegistrationMode = Instance['registration_mode'];
export type SetupRequest = Body<paths['/api/v1/auth/setup']['post']>;
export type RegisterRequest = Body<paths['/api/v1/auth/register']['post']>;
export type LoginRequest = Body<paths['/api/v1/auth/login']['post']>;

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

// Training
type Schemas = components['schemas'];
export type Exercise = Schemas['ExerciseDto'];
export type ExerciseCreate = Schemas['ExerciseCreate'];
export type ExerciseHistory = Schemas['ExerciseHistory'];
export type LoggingType = Schemas['LoggingDto'];
export type Plan = Schemas['PlanDto'];
export type PlanCreate = Schemas['PlanCreate'];
export type PlanSummary = Schemas['PlanSummary'];
export type UserRef = Schemas['UserRef'];
export type PlanList = Schemas['PlanList'];
export type PlanWeek = Schemas['PlanWeekDto'];
export type PlanDay = Schemas['PlanDayDto'];
export type PlanExercise = Schemas['PlanExerciseDto'];
export type SetTarget = Schemas['SetTargetDto'];
export type RepsTarget = Schemas['RepsTargetDto'];
export type LoadTarget = Schemas['LoadTargetDto'];
export type Assignment = Schemas['AssignmentDto'];
export type PlanRef = Schemas['PlanRefDto'];
export type Today = Schemas['TodayDto'];
export type TrainingVisibility = Schemas['TrainingVisibility'];
export type Workout = Schemas['WorkoutDto'];
export type WorkoutDetail = Schemas['WorkoutDetailDto'];
export type WorkoutCreate = Schemas['WorkoutCreate'];
export type WorkoutPatch = Schemas['WorkoutPatchDto'];
export type ExerciseNote = Schemas['ExerciseNoteDto'];
export type WorkoutSet = Schemas['SetDto'];
export type SetCreate = Schemas['SetCreate'];
export type SetPatch = Schemas['SetPatch'];
export type SetKind = Schemas['SetKindDto'];
export type BodyMetric = Schemas['BodyMetricDto'];
export type BodyMetricCreate = Schemas['BodyMetricCreate'];
