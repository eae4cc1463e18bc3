/**
 * The one statement that loads a caller: the user, its roles, permissions and scope, and
 * whether the token's session is open ($1 user id, $2 session id or null). Plain text with no
 * imports, so the benchmark baseline runs exactly this statement too.
 */
export const PRINCIPAL_SQL = `SELECT u.id, u.email, u.status,
              coalesce(array_agg(DISTINCT r.id::text) FILTER (WHERE r.id IS NOT NULL), '{}') AS role_ids,
              coalesce(array_agg(DISTINCT r.name::text) FILTER (WHERE r.id IS NOT NULL), '{}') AS role_names,
              coalesce(array_agg(DISTINCT p.code::text) FILTER (WHERE p.id IS NOT NULL), '{}') AS permissions,
              op.warehouse_id, c.id AS client_id,
              (s.id IS NOT NULL AND s.revoked_at IS NULL AND s.expires_at > now()) AS session_open,
              s.expires_at AS session_expires_at
         FROM users u
         LEFT JOIN user_roles ur ON ur.user_id = u.id
         LEFT JOIN roles r ON r.id = ur.role_id
         LEFT JOIN role_permissions rp ON rp.role_id = r.id
         LEFT JOIN permissions p ON p.id = rp.permission_id
         LEFT JOIN operator_profiles op ON op.user_id = u.id
         LEFT JOIN clients c ON c.user_id = u.id
         LEFT JOIN sessions s ON s.id = $2 AND s.user_id = u.id
        WHERE u.id = $1
        GROUP BY u.id, op.warehouse_id, c.id, s.id`;
